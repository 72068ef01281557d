package org.modelevolution.http;

import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Where a service is reached and with which credential.
 *
 * @param baseUrl the API root; paths are resolved below it (a trailing path such as {@code /2.3} is kept)
 */
public record Endpoint(Service service, HttpUrl baseUrl, Optional<Secret> token) {

  public Endpoint {
    Objects.requireNonNull(service);
    Objects.requireNonNull(baseUrl);
    Objects.requireNonNull(token);
  }

  /** An endpoint for tests and mirrors: a base URL and no credential. */
  public static Endpoint anonymous(Service service, HttpUrl baseUrl) {
    return new Endpoint(service, baseUrl, Optional.empty());
  }

  /** Resolves slash-separated, already-encoded path segments below the base URL. */
  public HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder builder = baseUrl.newBuilder();
    for (String segment : segments) {
      builder.addPathSegments(segment.startsWith("/") ? segment.substring(1) : segment);
    }
    return builder;
  }

  /** The form used in run manifests: the base URL and whether a token was used, never the token. */
  public String describe() {
    return baseUrl + (token.isPresent() ? " (authenticated)" : " (anonymous)");
  }
}
