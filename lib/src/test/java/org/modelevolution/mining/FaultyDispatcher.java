package org.modelevolution.mining;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * Wraps a good dispatcher and spoils a seeded share of its answers: 429 with {@code Retry-After: 0},
 * 503, or the good answer with its body cut off mid-way (the client sees an I/O error while reading).
 */
final class FaultyDispatcher extends Dispatcher {
  private final Dispatcher good;
  private final Random random;
  private final double rate;
  final AtomicInteger faults = new AtomicInteger();

  FaultyDispatcher(Dispatcher good, long seed, double rate) {
    this.good = good;
    this.random = new Random(seed);
    this.rate = rate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    double draw;
    int kind;
    synchronized (random) {
      draw = random.nextDouble();
      kind = random.nextInt(3);
    }
    if (draw >= rate) {
      return good.dispatch(request);
    }
    faults.incrementAndGet();
    return switch (kind) {
      case 0 -> new MockResponse.Builder().code(429).addHeader("Retry-After", "0")
          .addHeader("RateLimit", "\"api\";r=5;t=0").body("{\"error\":\"Too many requests, retry later\"}").build();
      case 1 -> new MockResponse.Builder().code(503).body("{\"error\":\"Service Unavailable\"}").build();
      default -> truncated(good.dispatch(request));
    };
  }

  private static MockResponse truncated(MockResponse response) {
    return new MockResponse.Builder(response)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }
}
