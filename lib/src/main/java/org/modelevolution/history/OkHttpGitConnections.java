package org.modelevolution.history;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.URL;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * Lets JGit speak smart HTTP through the miners' OkHttp client, so that git requests get what
 * every other Hub request gets: the same retries (backoff with jitter, {@code Retry-After}), the
 * endpoint's token on the endpoint's host only, the User-Agent, and the request counters.
 * Redirects are left to JGit, which applies its own {@code http.followRedirects} rule.
 */
final class OkHttpGitConnections implements HttpConnectionFactory {
  private final OkHttpClient client;

  OkHttpGitConnections(OkHttpClient client) {
    this.client = Objects.requireNonNull(client).newBuilder().followRedirects(false).followSslRedirects(false).build();
  }

  @Override
  public HttpConnection create(URL url) {
    return new Connection(client, url);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) {
    return new Connection(client, url);
  }

  /** One exchange: the request is built from JGit's calls and sent on the first look at the answer. */
  private static final class Connection implements HttpConnection {
    private final OkHttpClient client;
    private final URL url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String method = "GET";
    private ByteArrayOutputStream body;
    private Response response;

    Connection(OkHttpClient client, URL url) {
      this.client = client;
      this.url = url;
    }

    private Response response() throws IOException {
      if (response == null) {
        HttpUrl target = HttpUrl.get(url.toString());
        Request.Builder request = new Request.Builder().url(target);
        headers.forEach(request::header);
        if (method.equals("POST")) {
          // Buffered, so that a retried request sends the same body again.
          String type = headers.getOrDefault("Content-Type", "application/octet-stream");
          byte[] bytes = body == null ? new byte[0] : body.toByteArray();
          request.post(RequestBody.create(bytes, MediaType.parse(type)));
        } else {
          request.method(method, null);
        }
        response = client.newCall(request.build()).execute();
      }
      return response;
    }

    @Override
    public int getResponseCode() throws IOException {
      return response().code();
    }

    @Override
    public URL getURL() {
      return url;
    }

    @Override
    public String getResponseMessage() throws IOException {
      return response().message();
    }

    @Override
    public Map<String, List<String>> getHeaderFields() {
      try {
        return response().headers().toMultimap();
      } catch (IOException e) {
        return Map.of();
      }
    }

    @Override
    public void setRequestProperty(String key, String value) {
      headers.put(key, value);
    }

    @Override
    public void setRequestMethod(String newMethod) {
      this.method = newMethod;
    }

    @Override
    public void setUseCaches(boolean usecaches) {}

    @Override
    public void setConnectTimeout(int timeout) {}

    @Override
    public void setReadTimeout(int timeout) {}

    @Override
    public String getContentType() {
      return getHeaderField("Content-Type");
    }

    @Override
    public InputStream getInputStream() throws IOException {
      Response r = response();
      return new FilterInputStream(r.body().byteStream()) {
        @Override
        public void close() throws IOException {
          r.close();
        }
      };
    }

    @Override
    public String getHeaderField(String name) {
      try {
        return response().header(name);
      } catch (IOException e) {
        return null;
      }
    }

    @Override
    public List<String> getHeaderFields(String name) {
      try {
        return response().headers(name);
      } catch (IOException e) {
        return List.of();
      }
    }

    @Override
    public int getContentLength() {
      try {
        return (int) Math.min(Integer.MAX_VALUE, response().body().contentLength());
      } catch (IOException e) {
        return -1;
      }
    }

    @Override
    public void setInstanceFollowRedirects(boolean followRedirects) {}

    @Override
    public void setDoOutput(boolean dooutput) {}

    @Override
    public void setFixedLengthStreamingMode(int contentLength) {}

    @Override
    public OutputStream getOutputStream() {
      if (body == null) {
        body = new ByteArrayOutputStream();
      }
      return body;
    }

    @Override
    public void setChunkedStreamingMode(int chunklen) {}

    @Override
    public String getRequestMethod() {
      return method;
    }

    @Override
    public boolean usingProxy() {
      return false;
    }

    @Override
    public void connect() throws IOException {
      response();
    }

    @Override
    public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      // TLS is OkHttp's: the platform's trust store, as for every other Hub request.
    }

    @Override
    public void setHostnameVerifier(HostnameVerifier hostnameverifier) {}
  }
}
