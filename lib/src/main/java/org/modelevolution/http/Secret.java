package org.modelevolution.http;

import java.util.Objects;

/**
 * A credential read from the environment. Its {@link #toString()} never shows the value, so a
 * secret that ends up in a log line, an exception message or a record's string form stays hidden.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value.strip());
  }

  /** The raw value, for the one place that sends it: the Authorization header. */
  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
