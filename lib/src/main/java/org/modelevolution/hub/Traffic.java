package org.modelevolution.hub;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Counts what goes over the wire: every HTTP exchange (redirect hops and retries included) and
 * every body byte received. Installed as a network interceptor, so it sees each hop.
 */
public final class Traffic implements Interceptor {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  /** A snapshot of the counters. */
  public record Totals(long requests, long bytes) {
    public Totals minus(Totals earlier) {
      return new Totals(requests - earlier.requests, bytes - earlier.bytes);
    }
  }

  public Totals totals() {
    return new Totals(requests.get(), bytes.get());
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    requests.incrementAndGet();
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    BufferedSource counted = Okio.buffer(new ForwardingSource(body.source()) {
      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        long n = super.read(sink, byteCount);
        if (n > 0) {
          bytes.addAndGet(n);
        }
        return n;
      }
    });
    return response.newBuilder()
        .body(ResponseBody.create(counted, body.contentType(), body.contentLength()))
        .build();
  }
}
