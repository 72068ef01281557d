package org.modelevolution.http;

import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.modelevolution.environment.LibraryVersion;

/**
 * Builds the OkHttp clients of the miners: an identifying User-Agent, the endpoint's bearer token
 * (same host only), retries with backoff per {@link RetryPolicy}, and sane timeouts. Clients that
 * share a connection pool should derive from one another with {@link OkHttpClient#newBuilder()}.
 */
public final class HttpClients {
  public static final String USER_AGENT = "safetensors-study/" + LibraryVersion.get() + " (research miner)";

  private HttpClients() {}

  public static OkHttpClient create(Endpoint endpoint, RetryPolicy policy) {
    return create(endpoint, policy, Clock.systemUTC());
  }

  public static OkHttpClient create(Endpoint endpoint, RetryPolicy policy, Clock clock) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        // A connection not made in 10 s is retried (and announced) rather than waited on in silence.
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(60))
        .callTimeout(Duration.ZERO)
        .addInterceptor(chain -> chain.proceed(
            chain.request().newBuilder().header("User-Agent", USER_AGENT).build()))
        .addInterceptor(new RetryInterceptor(policy, clock, endpoint.service().endpointVariable()));
    endpoint.token().ifPresent(token -> builder.addInterceptor(new AuthenticationInterceptor(endpoint.baseUrl(), token)));
    return builder.build();
  }
}
