package org.modelevolution.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Reads response bodies with a size bound, so a hostile or broken server cannot make a miner
 * buffer an unbounded body in memory. A body that breaks off while it is read is a
 * {@link BrokenBodyException} (worth sending again, see {@link BodyRetries}); one that is too
 * large is a plain {@link IOException}.
 */
public final class ResponseBodies {
  /** Generous for any JSON page of the mined APIs (the largest are discussion details with diffs). */
  public static final long DEFAULT_LIMIT = 64L * 1024 * 1024;

  private ResponseBodies() {}

  /** The body as UTF-8 text; fails when it is larger than {@code maxBytes}. */
  public static String readUtf8(Response response, long maxBytes) throws IOException {
    ResponseBody body = response.body();
    long declared = body.contentLength();
    if (declared > maxBytes) {
      throw new IOException(tooLarge(response, maxBytes));
    }
    BufferedSource source = body.source();
    boolean tooLarge;
    try {
      tooLarge = source.request(maxBytes + 1);
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e;
      }
      throw broken(response, e);
    } catch (IOException e) {
      throw broken(response, e);
    }
    if (tooLarge) {
      throw new IOException(tooLarge(response, maxBytes));
    }
    return source.getBuffer().readString(StandardCharsets.UTF_8);
  }

  public static String readUtf8(Response response) throws IOException {
    return readUtf8(response, DEFAULT_LIMIT);
  }

  private static BrokenBodyException broken(Response response, IOException cause) {
    return new BrokenBodyException("the body of " + response.request().url().redact() + " broke off after "
        + response.body().source().getBuffer().size() + " bytes: " + cause, cause);
  }

  private static String tooLarge(Response response, long maxBytes) {
    return "response body of " + response.request().url().redact() + " exceeds " + maxBytes + " bytes";
  }
}
