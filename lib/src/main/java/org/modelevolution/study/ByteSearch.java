package org.modelevolution.study;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in a byte array eight bytes at a time: each step reads one {@code long} and marks
 * the bytes equal to the one sought with bit arithmetic (SWAR), so a long field costs a few
 * instructions per eight bytes instead of a compare and a branch per byte. The CSV reader looks
 * for the end of its unquoted fields this way (the {@code all_files_in_tree} field is most of a
 * commit log), and the tree scan for the {@code ;} between entries; measured, about twice as fast
 * as a byte loop on the recent commit log.
 */
final class ByteSearch {
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
  private static final long COMMAS = broadcast(',');
  private static final long NEWLINES = broadcast('\n');
  private static final long QUOTES = broadcast('"');

  private ByteSearch() {}

  /** The first comma or line feed in {@code bytes[from, to)}, or {@code to}: where an unquoted field ends. */
  static int fieldEnd(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONG.get(bytes, i);
      long found = equalBytes(word, COMMAS) | equalBytes(word, NEWLINES);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    while (i < to && bytes[i] != ',' && bytes[i] != '\n') {
      i++;
    }
    return i;
  }

  /**
   * The first double quote in {@code bytes[from, to)} (or {@code to}) in the low 32 bits, and in
   * the high 32 bits how many line feeds lie before it: where the text of a quoted field stops,
   * and the lines it spanned so far. Packed in one {@code long} so that the CSV reader's
   * quoted-field loop reads each byte once, eight at a time, and allocates nothing.
   */
  static long quote(byte[] bytes, int from, int to) {
    long lines = 0;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONG.get(bytes, i);
      long newlines = equalBytes(word, NEWLINES);
      long quotes = equalBytes(word, QUOTES);
      if (quotes != 0) {
        long before = (quotes & -quotes) - 1; // the bits below the first quote's
        return (lines + Long.bitCount(newlines & before)) << 32 | (i + (Long.numberOfTrailingZeros(quotes) >>> 3));
      }
      lines += Long.bitCount(newlines);
    }
    for (; i < to && bytes[i] != '"'; i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    return lines << 32 | i;
  }

  /** The first {@code value} in {@code bytes[from, to)}, or {@code to}. */
  static int indexOf(byte[] bytes, byte value, int from, int to) {
    long pattern = broadcast(value);
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long found = equalBytes((long) LONG.get(bytes, i), pattern);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    while (i < to && bytes[i] != value) {
      i++;
    }
    return i;
  }

  /**
   * The high bit of each byte of {@code word} that equals the byte of {@code pattern}, the others
   * zero. Exact for every byte (no borrow crosses bytes), so the lowest set bit is the first match
   * in little-endian order.
   */
  private static long equalBytes(long word, long pattern) {
    long x = word ^ pattern; // a matching byte is now zero
    long t = (x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS; // high bit set where the low seven bits are not all zero
    return ~(t | x | LOW_SEVEN_BITS); // high bit set only where the whole byte is zero
  }

  private static long broadcast(int value) {
    return (value & 0xFFL) * 0x0101010101010101L;
  }
}
