package org.modelevolution.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;

/**
 * A seeded share of a fake server's answers spoiled, one fault per spoiled answer: the generic
 * kinds are rendered here, a service's own kinds ({@link Kind#SERVICE}: GitHub's incomplete
 * answers and rate limits, Stack Exchange's throttles) by the fake itself. Same seed, same
 * requests: same faults.
 */
final class SeededFaults {
  enum Kind {
    /** 429 with {@code Retry-After: 0}. */
    TOO_MANY_REQUESTS,
    /** 503. */
    UNAVAILABLE,
    /** The connection closes while the body is sent. */
    CUT_CONNECTION,
    /** A 200 whose JSON stops half-way (the body is complete as declared, just cut). */
    TRUNCATED_JSON,
    /** A gzip stream that ends half-way ("source exhausted prematurely"). */
    TRUNCATED_GZIP,
    /** The service's own fault, rendered by the fake. */
    SERVICE
  }

  private final Random random;
  private final double rate;
  private final List<Kind> kinds;
  private final Map<Kind, Integer> served = new EnumMap<>(Kind.class);

  SeededFaults(long seed, double rate, List<Kind> kinds) {
    this.random = new Random(seed);
    this.rate = rate;
    this.kinds = List.copyOf(kinds);
  }

  /** Every kind, {@code rate} of the answers. */
  static SeededFaults all(long seed, double rate) {
    return new SeededFaults(seed, rate, List.of(Kind.values()));
  }

  /** No fault at all. */
  static SeededFaults none() {
    return new SeededFaults(0, 0, List.of(Kind.values()));
  }

  /** The fault of the next answer, if it is to be spoiled. */
  synchronized Optional<Kind> draw() {
    double draw = random.nextDouble();
    Kind kind = kinds.get(random.nextInt(kinds.size()));
    if (draw >= rate) {
      return Optional.empty();
    }
    served.merge(kind, 1, Integer::sum);
    return Optional.of(kind);
  }

  synchronized Map<Kind, Integer> served() {
    return Map.copyOf(served);
  }

  synchronized int total() {
    return served.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The good answer ({@code headers} and JSON {@code body}, gzip-compressed when {@code gzip})
   * spoiled by a generic {@code kind}.
   */
  static MockResponse spoil(Kind kind, Headers headers, String body, boolean gzip) {
    return switch (kind) {
      case TOO_MANY_REQUESTS -> new MockResponse.Builder().code(429).addHeader("Retry-After", "0")
          .body("{\"message\":\"Too many requests\"}").build();
      case UNAVAILABLE -> new MockResponse.Builder().code(503).body("{\"message\":\"Service Unavailable\"}").build();
      case CUT_CONNECTION -> new MockResponse.Builder(ok(headers, body, gzip))
          .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
      case TRUNCATED_JSON -> ok(headers, body.substring(0, body.length() / 2), gzip);
      case TRUNCATED_GZIP -> {
        Buffer full = gzip(body);
        Buffer half = new Buffer();
        full.copyTo(half, 0, full.size() / 2);
        yield new MockResponse.Builder().code(200).headers(headers).setHeader("Content-Encoding", "gzip").body(half)
            .build();
      }
      case SERVICE -> throw new IllegalArgumentException("the fake renders its own faults");
    };
  }

  /** A 200 with {@code headers} and {@code body}, gzip-compressed with its header when {@code gzip}. */
  static MockResponse ok(Headers headers, String body, boolean gzip) {
    MockResponse.Builder response = new MockResponse.Builder().code(200).headers(headers);
    return gzip ? response.setHeader("Content-Encoding", "gzip").body(gzip(body)).build() : response.body(body).build();
  }

  static Buffer gzip(String text) {
    Buffer compressed = new Buffer();
    try (BufferedSink sink = Okio.buffer(new GzipSink(compressed))) {
      sink.writeString(text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compressed;
  }
}
