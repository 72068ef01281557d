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

  /**
   * The endpoint configured by {@code env}, falling back to the public service. A value that is not
   * an http(s) URL is an {@link IllegalArgumentException} naming the variable.
   */
  public Endpoint endpoint(Map<String, String> env) {
    String url = env.getOrDefault(endpointVariable, "").strip();
    HttpUrl base = HttpUrl.parse(url.isEmpty() ? defaultUrl : url);
    if (base == null) {
      throw new IllegalArgumentException(endpointVariable + "=" + printable(url) + " is not an http:// or https:// URL;"
          + " set it to the service's base URL (default " + defaultUrl + ") or unset it");
    }
    Optional<Secret> token =
        tokenVariable().map(env::get).filter(v -> !v.isBlank()).map(Secret::of);
    return new Endpoint(this, base, token);
  }

  /** The value as typed, control characters escaped and long values cut, for a message. */
  private static String printable(String value) {
    StringBuilder shown = new StringBuilder();
    value.codePoints().limit(200).forEach(c -> shown.append(Character.isISOControl(c)
        ? String.format("\\u%04x", c) : Character.toString(c)));
    return "'" + shown + (value.length() > 200 ? "…" : "") + "'";
  }

  public Endpoint endpoint() {
    return endpoint(System.getenv());
  }
}
