package org.modelevolution.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer <token>} to requests for the endpoint's own host only, so a
 * token is never sent to a CDN or any other host a URL may point at. OkHttp also drops the header
 * itself when a redirect changes host.
 */
final class AuthenticationInterceptor implements Interceptor {
  private final HttpUrl base;
  private final Secret token;

  AuthenticationInterceptor(HttpUrl base, Secret token) {
    this.base = base;
    this.token = token;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    HttpUrl url = chain.request().url();
    boolean sameOrigin = url.host().equals(base.host()) && url.port() == base.port();
    if (!sameOrigin || chain.request().header("Authorization") != null) {
      return chain.proceed(chain.request());
    }
    return chain.proceed(
        chain.request().newBuilder().header("Authorization", "Bearer " + token.reveal()).build());
  }
}
