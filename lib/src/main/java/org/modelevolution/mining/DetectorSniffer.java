package org.modelevolution.mining;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.modelevolution.formats.ByteSource;
import org.modelevolution.formats.Detection;
import org.modelevolution.formats.Detector;
import org.modelevolution.formats.RemoteByteSource;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.FatalRequestException;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.hub.HubErrors;

/**
 * The format of a model file at a commit, told by the content-based {@link Detector} over the
 * Hub's {@code resolve} URL with ranged reads ({@link RemoteByteSource}: a head window, and a
 * tail window for zips only: every other file costs one content request). The detector turns read failures into "unknown"; that would record a
 * transient network fault as a format forever, so every read is watched and a detection that
 * met a failed read is redone with backoff, and given up as an error (the unit is retried on the
 * next run) rather than recorded.
 */
public final class DetectorSniffer implements FormatSniffer {
  private final Endpoint endpoint;
  private final OkHttpClient client;
  private final Detector detector;
  private final RetryPolicy policy;

  public DetectorSniffer(Endpoint endpoint, OkHttpClient client, Detector detector, RetryPolicy policy) {
    this.endpoint = Objects.requireNonNull(endpoint);
    // Redirects are followed by the byte source itself, which reads the Hub's X-Linked-* headers
    // on the way and counts every hop.
    this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.detector = Objects.requireNonNull(detector);
    this.policy = Objects.requireNonNull(policy);
  }

  @Override
  public SniffResult sniff(SniffRequest request) throws IOException {
    HttpUrl url = endpoint.url(request.repoId(), "resolve").addPathSegment(request.revision())
        .addPathSegments(request.path()).build();
    long requests = 0;
    long bytes = 0;
    long content = 0;
    for (int attempt = 1; ; attempt++) {
      IOException failed;
      try (RemoteByteSource source = RemoteByteSource.open(client, url, request.path(),
          detector.options().headWindow(), detector.options().tailWindow())) {
        Watched watched = new Watched(source, detector.options().headWindow(), detector.options().tailWindow());
        Detection detection;
        try {
          detection = detector.detect(watched);
        } finally {
          requests += source.requests();
          bytes += source.bytesRead();
          content += source.contentRequests();
        }
        if (watched.failure == null) {
          return new SniffResult(detection.studyLabel(), requests, bytes, content, startsLikeAZip(source),
              detection.pickle());
        }
        if (attempt > policy.maxRetries() || watched.failure instanceof InterruptedIOException
            || watched.failure instanceof FatalRequestException) {
          throw watched.failure;
        }
        failed = watched.failure;
      } catch (RemoteByteSource.RemoteReadException e) {
        // Classified as every other Hub answer is, from its status and X-Error-* headers.
        throw HubErrors.toException(e.status(), e.errorCode(), e.errorMessage(), url.redact(), e.getMessage());
      } catch (InterruptedIOException | FatalRequestException e) {
        throw e;
      } catch (IOException e) {
        if (attempt > policy.maxRetries()) {
          throw e;
        }
        failed = e;
      }
      policy.pauseBeforeRetry(attempt, "reading " + url.newBuilder().query(null).build(), failed);
    }
  }

  /** {@code PK\3\4} or {@code PK\5\6} at offset 0, read from the head window already fetched. */
  private static boolean startsLikeAZip(RemoteByteSource source) {
    byte[] magic = new byte[4];
    try {
      if (source.size() < 4 || source.read(0, magic, 0, 4) < 4) {
        return false;
      }
    } catch (IOException unreadable) {
      return false;
    }
    return magic[0] == 'P' && magic[1] == 'K' && (magic[2] == 3 && magic[3] == 4 || magic[2] == 5 && magic[3] == 6);
  }

  /**
   * A byte source that remembers the first read within the fetched windows that failed. A read
   * outside the head and tail windows fails by design (the detector then decides without it), so
   * it is not a transfer failure.
   */
  private static final class Watched implements ByteSource {
    private final ByteSource source;
    private final int headWindow;
    private final int tailWindow;
    private IOException failure;

    Watched(ByteSource source, int headWindow, int tailWindow) {
      this.source = source;
      this.headWindow = headWindow;
      this.tailWindow = tailWindow;
    }

    @Override
    public String name() {
      return source.name();
    }

    @Override
    public long size() throws IOException {
      try {
        return source.size();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
        throw e;
      }
    }

    @Override
    public int read(long offset, byte[] target, int targetOffset, int length) throws IOException {
      try {
        return source.read(offset, target, targetOffset, length);
      } catch (IOException e) {
        long size = source.size();
        boolean inWindows = offset < headWindow || offset >= size - tailWindow;
        if (inWindows && failure == null) {
          failure = e;
        }
        throw e;
      }
    }

    @Override
    public long bytesRead() {
      return source.bytesRead();
    }

    @Override
    public boolean cheapRandomAccess() {
      return source.cheapRandomAccess();
    }
  }
}
