package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A Hub file read over HTTP with at most two ranged GETs: a head window, and a tail window that is
 * fetched only when the detector reads near the end (zip central directories). Reads outside both
 * windows fail: the detector then treats that region as unavailable, it never triggers more requests.
 * For an LFS file the Hub's 302 comes before the head read, so the server sees at most three
 * exchanges: the redirect, the head range and the tail range.
 *
 * <p>Redirects are followed by hand (at most {@value #MAX_HOPS} hops) so that the Hub's 302 to the
 * CDN is seen: its {@code X-Linked-Etag} (the LFS sha256) and {@code X-Linked-Size} identify the
 * content before any body is downloaded, which lets {@link RemoteDetector} answer from its cache.
 * The tail request goes straight to the final (CDN) URL. A server that ignores {@code Range} and
 * answers 200 is read only as far as needed and the connection is closed.
 */
public final class RemoteByteSource implements ByteSource {
  static final int MAX_HOPS = 5;
  /** A server that ignores Range is streamed for the tail only up to this size. */
  static final long NO_RANGE_TAIL_LIMIT = 8L << 20;

  private final OkHttpClient client;
  private final String name;
  private final int tailWindow;
  private final HttpUrl dataUrl;
  private final long size;
  private final String contentId;
  private final boolean rangesHonoured;
  private final boolean stoppedAtRedirect;
  private Response headResponse;
  private byte[] head;
  private final int headWanted;
  private byte[] tail;
  private long tailStart;
  private long bytesRead;
  private int requests;
  private int contentReads;

  private RemoteByteSource(
      OkHttpClient client, String name, int headWanted, int tailWindow, Response response, HttpUrl dataUrl,
      long size, String contentId, int requests, boolean stoppedAtRedirect) {
    this.stoppedAtRedirect = stoppedAtRedirect;
    this.client = client;
    this.name = name;
    this.headWanted = headWanted;
    this.tailWindow = tailWindow;
    this.headResponse = response;
    this.dataUrl = dataUrl;
    this.rangesHonoured = response != null && response.code() == 206;
    this.size = size;
    this.contentId = contentId;
    this.requests = requests;
    this.contentReads = response != null ? 1 : 0;
    if (response == null) {
      this.head = new byte[0];
    }
  }

  /**
   * Sends the head request for {@code url} (following redirects) and returns once the response
   * headers are in; the body is read on the first {@link #read}.
   *
   * @throws RemoteReadException for HTTP errors (after the client's retries)
   */
  public static RemoteByteSource open(OkHttpClient client, HttpUrl url, String name, int headWindow, int tailWindow)
      throws IOException {
    return open(client, url, name, headWindow, tailWindow, id -> false);
  }

  /**
   * As {@link #open(OkHttpClient, HttpUrl, String, int, int)}, but stops at the Hub's redirect when
   * {@code alreadyKnown} accepts its content id: the returned source then holds no response, only
   * {@link #contentId()}, and nothing was requested from the CDN.
   */
  public static RemoteByteSource open(
      OkHttpClient client, HttpUrl url, String name, int headWindow, int tailWindow, Predicate<String> alreadyKnown)
      throws IOException {
    HttpUrl current = url;
    String linkedEtag = null;
    long linkedSize = -1;
    for (int hop = 0, requests = 1; ; hop++, requests++) {
      Request request = new Request.Builder().url(current).header("Range", "bytes=0-" + (headWindow - 1)).build();
      Response response = client.newCall(request).execute();
      if (response.header("X-Linked-Etag") != null) {
        linkedEtag = normalizeEtag(response.header("X-Linked-Etag"));
      }
      if (response.header("X-Linked-Size") != null) {
        linkedSize = parseLong(response.header("X-Linked-Size"));
      }
      if (response.isRedirect()) {
        String location = response.header("Location");
        response.close();
        if (linkedEtag != null && alreadyKnown.test(linkedEtag)) {
          return new RemoteByteSource(client, name, headWindow, tailWindow, null, current, linkedSize, linkedEtag, requests, true);
        }
        HttpUrl next = location == null ? null : current.resolve(location);
        if (next == null || hop + 1 >= MAX_HOPS) {
          throw new RemoteReadException(response.code(), "redirect without a usable Location or too many hops", current);
        }
        current = next;
        continue;
      }
      String contentId = linkedEtag != null ? linkedEtag : normalizeEtag(response.header("ETag"));
      if (response.code() == 416) {
        String range = response.header("Content-Range", "");
        response.close();
        if (range.endsWith("/0")) {
          return new RemoteByteSource(client, name, headWindow, tailWindow, null, current, 0, contentId, requests, false);
        }
        throw new RemoteReadException(416, "range not satisfiable", current);
      }
      if (response.code() != 200 && response.code() != 206) {
        String code = Optional.ofNullable(response.header("X-Error-Code")).orElse("");
        String message = Optional.ofNullable(response.header("X-Error-Message")).orElse("");
        response.close();
        throw new RemoteReadException(response.code(), code, code, message, current);
      }
      return new RemoteByteSource(
          client, name, headWindow, tailWindow, response, current, sizeOf(response, linkedSize), contentId, requests, false);
    }
  }

  /** The LFS sha256 (from the Hub's redirect) or the ETag of the content, when the server gave one. */
  public Optional<String> contentId() {
    return Optional.ofNullable(contentId);
  }

  /** HTTP requests sent so far for this file: redirect hops and ranged reads (client retries not counted). */
  public int requests() {
    return requests;
  }

  /** Ranged reads that fetched content: the head (unless {@code open} stopped short of it) and the tail, once loaded. */
  public int contentRequests() {
    return contentReads;
  }

  /** True when {@code open} stopped at the Hub's redirect because the content was already known. */
  public boolean stoppedAtRedirect() {
    return stoppedAtRedirect;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() throws IOException {
    if (size < 0) {
      throw new IOException("the server gave no size for " + name);
    }
    return size;
  }

  @Override
  public int read(long offset, byte[] target, int targetOffset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (offset < 0 || offset >= size) {
      return -1;
    }
    loadHead();
    int n = (int) Math.min(length, size - offset);
    if (offset < head.length) {
      int m = (int) Math.min(n, head.length - offset);
      System.arraycopy(head, (int) offset, target, targetOffset, m);
      return m;
    }
    if (tail == null && offset >= size - tailWindow) {
      loadTail();
    }
    if (tail != null && offset >= tailStart) {
      int m = (int) Math.min(n, size - offset);
      System.arraycopy(tail, (int) (offset - tailStart), target, targetOffset, m);
      return m;
    }
    throw new IOException("offset " + offset + " of " + name + " is outside the fetched head and tail windows");
  }

  @Override
  public boolean cheapRandomAccess() {
    return false;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() {
    if (headResponse != null) {
      headResponse.close();
      headResponse = null;
    }
  }

  private void loadHead() throws IOException {
    if (head != null) {
      return;
    }
    if (headResponse == null) {
      throw new IOException("the head window of " + name + " broke off earlier");
    }
    try (Response response = headResponse) {
      headResponse = null;
      int wanted = (int) Math.min(headWanted, size);
      head = readAtMost(response.body(), wanted);
    }
  }

  private void loadTail() throws IOException {
    contentReads++;
    long start = Math.max(0, size - tailWindow);
    if (rangesHonoured) {
      Request request = new Request.Builder().url(dataUrl).header("Range", "bytes=" + start + "-" + (size - 1)).build();
      requests++;
      try (Response response = client.newCall(request).execute()) {
        if (response.code() == 206) {
          tail = readAtMost(response.body(), (int) (size - start));
          tailStart = start;
        } else if (response.code() == 200) {
          readTailOfWholeBody(response, start);
        } else {
          throw new RemoteReadException(response.code(), "tail window", dataUrl);
        }
      }
      return;
    }
    if (size > NO_RANGE_TAIL_LIMIT) {
      throw new IOException("the server ignores Range and the file is too large to read for its tail");
    }
    Request request = new Request.Builder().url(dataUrl).build();
    requests++;
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new RemoteReadException(response.code(), "tail window", dataUrl);
      }
      readTailOfWholeBody(response, start);
    }
  }

  /** For servers that answer 200: stream the body, keeping only the last window. */
  private void readTailOfWholeBody(Response response, long start) throws IOException {
    byte[] window = new byte[(int) (size - start)];
    byte[] buffer = new byte[8192];
    long position = 0;
    try (InputStream in = response.body().byteStream()) {
      for (int n; position < size && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - position))) > 0; ) {
        bytesRead += n;
        for (int i = 0; i < n; i++) {
          long at = position + i;
          if (at >= start) {
            window[(int) (at - start)] = buffer[i];
          }
        }
        position += n;
      }
    }
    tail = window;
    tailStart = start;
  }

  private byte[] readAtMost(ResponseBody body, int wanted) throws IOException {
    byte[] bytes = new byte[wanted];
    int done = 0;
    try (InputStream in = body.byteStream()) {
      while (done < wanted) {
        int n = in.read(bytes, done, wanted - done);
        if (n < 0) {
          break;
        }
        done += n;
      }
    }
    bytesRead += done;
    return done == wanted ? bytes : java.util.Arrays.copyOf(bytes, done);
  }

  private static long sizeOf(Response response, long linkedSize) {
    String range = response.header("Content-Range");
    if (range != null) {
      int slash = range.lastIndexOf('/');
      long total = slash < 0 ? -1 : parseLong(range.substring(slash + 1));
      if (total >= 0) {
        return total;
      }
    }
    if (linkedSize >= 0) {
      return linkedSize;
    }
    if (response.code() == 200) {
      return parseLong(response.header("Content-Length"));
    }
    return -1;
  }

  static String normalizeEtag(String etag) {
    if (etag == null || etag.isBlank()) {
      return null;
    }
    String e = etag.strip();
    if (e.startsWith("W/")) {
      e = e.substring(2);
    }
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e.isEmpty() ? null : e.toLowerCase(Locale.ROOT);
  }

  private static long parseLong(String s) {
    if (s == null) {
      return -1;
    }
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** An HTTP failure, with the Hub's {@code X-Error-Code} when given. The URL is redacted. */
  public static final class RemoteReadException extends IOException {
    private final int status;
    private final String errorCode;
    private final String errorMessage;

    RemoteReadException(int status, String detail, HttpUrl url) {
      this(status, detail, "", "", url);
    }

    RemoteReadException(int status, String detail, String errorCode, String errorMessage, HttpUrl url) {
      // Scheme, host and path only: the query of a signed CDN URL is a credential.
      super("HTTP " + status + (detail == null || detail.isEmpty() ? "" : " " + detail) + " for "
          + url.scheme() + "://" + url.host() + url.encodedPath());
      this.status = status;
      this.errorCode = errorCode;
      this.errorMessage = errorMessage;
    }

    public int status() {
      return status;
    }

    /** The answer's {@code X-Error-Code} header, empty when it had none. */
    public String errorCode() {
      return errorCode;
    }

    /** The answer's {@code X-Error-Message} header, empty when it had none. */
    public String errorMessage() {
      return errorMessage;
    }
  }
}
