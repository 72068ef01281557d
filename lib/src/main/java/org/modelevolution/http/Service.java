package org.modelevolution.http;

import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The remote services the miners talk to, with the environment variables that configure them.
 * Every endpoint can be pointed elsewhere (a mirror, a recorded fixture server) through its
 * variable; tokens are only ever read from the environment.
 */
public enum Service {
  HUGGING_FACE("HF_ENDPOINT", "https://huggingface.co", "HF_TOKEN"),
  GITHUB("GITHUB_API_URL", "https://api.github.com", "GITHUB_TOKEN"),
  STACK_EXCHANGE("STACKEXCHANGE_API_URL", "https://api.stackexchange.com/2.3", null);

  private final String endpointVariable;
  private final String defaultUrl;
  private final String tokenVariable;

  Service(String endpointVariable, String defaultUrl, String tokenVariable) {
    this.endpointVariable = endpointVariable;
    this.defaultUrl = defaultUrl;
    this.tokenVariable = tokenVariable;
  }

  public String endpointVariable() {
    return endpointVariable;
  }

  public Optional<String> tokenVariable() {
    return Optional.ofNullable(tokenVariable);
  }

  /** The endpoint configured by {@code env}, falling back to the public service. */
  public Endpoint endpoint(Map<String, String> env) {
    String url = env.getOrDefault(endpointVariable, "").strip();
    HttpUrl base = HttpUrl.get(url.isEmpty() ? defaultUrl : url);
    Optional<Secret> token =
        tokenVariable().map(env::get).filter(v -> !v.isBlank()).map(Secret::of);
    return new Endpoint(this, base, token);
  }

  public Endpoint endpoint() {
    return endpoint(System.getenv());
  }
}
