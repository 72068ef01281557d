package org.modelevolution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BodyRetriesTest {
  private final List<Duration> waits = new ArrayList<>();
  private final RetryPolicy policy = RetryPolicy.standard().withMaxRetries(2).withSleeper(waits::add);

  @Test
  void aBrokenBodyIsReadAgainAndAnythingElseFailsAtOnce() throws IOException {
    AtomicInteger attempts = new AtomicInteger();
    assertThat(BodyRetries.call(policy, "reading x", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new BrokenBodyException("cut off");
      }
      return "body";
    })).isEqualTo("body");
    assertThat(attempts).hasValue(3);
    assertThat(waits).hasSize(2);

    attempts.set(0);
    assertThatThrownBy(() -> BodyRetries.call(policy, "reading x", () -> {
      attempts.incrementAndGet();
      throw new IOException("refused");
    })).hasMessage("refused");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void whatTheCallerDeemsWorthRetryingIsRetriedUpToThePolicysLimitThenThrown() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> BodyRetries.call(policy, "reading x", e -> !e.getMessage().equals("final"), () -> {
      attempts.incrementAndGet();
      throw new IOException("reset");
    })).hasMessage("reset");
    assertThat(attempts).hasValue(3); // the first try and the policy's 2 retries
    assertThat(waits).hasSize(2);

    attempts.set(0);
    assertThatThrownBy(() -> BodyRetries.call(policy, "reading x", e -> !e.getMessage().equals("final"), () -> {
      throw new IOException(attempts.incrementAndGet() == 1 ? "reset" : "final");
    })).hasMessage("final");
    assertThat(attempts).hasValue(2);
  }
}
