package org.modelevolution.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;

/**
 * Reads the waits that servers state in rate-limit headers:
 *
 * <ul>
 *   <li>Hugging Face (IETF draft): {@code RateLimit: "api";r=0;t=137} — with no requests left,
 *       wait {@code t + 1} seconds;
 *   <li>{@code Retry-After: 137} (integer seconds) — wait that long plus one second;
 *   <li>GitHub: {@code x-ratelimit-remaining: 0} with {@code x-ratelimit-reset} (epoch seconds)
 *       — wait until the reset.
 * </ul>
 */
final class RateLimitHeaders {
  private static final Pattern IETF = Pattern.compile("r=(\\d+)\\s*;\\s*t=(\\d+)");

  private RateLimitHeaders() {}

  /** The wait the response asks for, if it states one. */
  static Optional<Duration> requestedWait(Response response, Clock clock) {
    Optional<Duration> ietf = ietfWait(response.header("RateLimit"));
    if (ietf.isPresent()) {
      return ietf;
    }
    Optional<Duration> retryAfter = seconds(response.header("Retry-After")).map(s -> s.plusSeconds(1));
    if (retryAfter.isPresent()) {
      return retryAfter;
    }
    if ("0".equals(response.header("x-ratelimit-remaining"))) {
      return seconds(response.header("x-ratelimit-reset"))
          .map(reset -> Duration.between(clock.instant(), Instant.ofEpochSecond(reset.toSeconds())))
          .map(wait -> wait.isNegative() ? Duration.ZERO : wait.plusSeconds(1));
    }
    return Optional.empty();
  }

  /** True when a 403 is a rate limit (GitHub answers 403 for both forbidden and throttled). */
  static boolean isRateLimit(Response response) {
    return response.header("Retry-After") != null || "0".equals(response.header("x-ratelimit-remaining"));
  }

  private static Optional<Duration> ietfWait(String header) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = IETF.matcher(header);
    if (m.find() && Long.parseLong(m.group(1)) == 0) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(2)) + 1));
    }
    return Optional.empty();
  }

  private static Optional<Duration> seconds(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException httpDateOrGarbage) {
      // The official HF client ignores HTTP-date values too; backoff applies instead.
      return Optional.empty();
    }
  }
}
