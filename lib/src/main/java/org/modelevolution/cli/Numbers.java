package org.modelevolution.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters for counts and sizes: a negative number (or zero where one is needed) is a
 * usage error (exit 2) at parse time, so that {@code --dry-run} rejects what the real run would.
 */
final class Numbers {
  private Numbers() {}

  /** An integer of at least 1. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n = parseInt(value);
      if (n < 1) {
        throw new TypeConversionException("'" + value + "' must be at least 1");
      }
      return n;
    }
  }

  /** An integer of at least 0. */
  static final class NonNegative implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n = parseInt(value);
      if (n < 0) {
        throw new TypeConversionException("'" + value + "' must be 0 or more");
      }
      return n;
    }
  }

  /** A size in bytes of at least 0. */
  static final class NonNegativeLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      long n;
      try {
        n = Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number");
      }
      if (n < 0) {
        throw new TypeConversionException("'" + value + "' must be 0 or more");
      }
      return n;
    }
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a whole number (up to " + Integer.MAX_VALUE + ")");
    }
  }
}
