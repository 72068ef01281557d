package org.modelevolution.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks protobuf wire-format fields without a schema: tag varint, wire type, and the value's
 * extent. Every length is checked against the enclosing message before use; groups (wire types 3
 * and 4) and types 6 and 7 end the walk as invalid.
 */
final class ProtoWire {
  static final int VARINT = 0;
  static final int I64 = 1;
  static final int LEN = 2;
  static final int I32 = 5;

  /** One field: its number, wire type, where it starts, and its value (varint) or payload extent. */
  record Field(int number, int wire, long offset, long valueOffset, long length, long varint) {
    long end() {
      return valueOffset + length;
    }
  }

  /** The fields walked, and whether the walk reached the end, stopped at the limit, or failed. */
  record Walk(List<Field> fields, boolean complete, String problem) {
    boolean valid() {
      return problem == null;
    }

    boolean has(int number) {
      return fields.stream().anyMatch(f -> f.number() == number);
    }

    Field first(int number) {
      return fields.stream().filter(f -> f.number() == number).findFirst().orElse(null);
    }
  }

  private ProtoWire() {}

  /** Walks the fields of the message in {@code [start, end)} of the file, at most {@code maxFields}. */
  static Walk walk(Probe probe, long start, long end, int maxFields) throws IOException {
    List<Field> fields = new ArrayList<>();
    long position = start;
    while (position < end) {
      if (fields.size() >= maxFields) {
        return new Walk(fields, false, null);
      }
      ByteBuffer b;
      try {
        b = probe.range(position, (int) Math.min(20, end - position));
      } catch (IOException e) {
        // Outside what the source can serve (a remote source's windows): decide on what was seen.
        return new Walk(fields, false, null);
      }
      int[] p = {0};
      long tag = varint(b, p, b.limit());
      if (tag <= 0 || tag > 0xFFFFFFFFL) {
        return new Walk(fields, false, "bad tag at offset " + position);
      }
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      if (number == 0) {
        return new Walk(fields, false, "field number 0 at offset " + position);
      }
      long valueOffset;
      long length;
      long value = 0;
      switch (wire) {
        case VARINT -> {
          value = varint(b, p, b.limit());
          if (value == -1 && p[0] < 0) {
            return new Walk(fields, false, "bad varint at offset " + position);
          }
          valueOffset = position + p[0];
          length = 0;
        }
        case I64 -> {
          valueOffset = position + p[0];
          length = 8;
        }
        case I32 -> {
          valueOffset = position + p[0];
          length = 4;
        }
        case LEN -> {
          long n = varint(b, p, b.limit());
          if (p[0] < 0 || n < 0) {
            return new Walk(fields, false, "bad length at offset " + position);
          }
          valueOffset = position + p[0];
          length = n;
        }
        default -> {
          return new Walk(fields, false, "wire type " + wire + " at offset " + position);
        }
      }
      if (valueOffset + length > end || valueOffset + length < valueOffset) {
        return new Walk(fields, false, "field " + number + " at offset " + position + " runs past its message");
      }
      fields.add(new Field(number, wire, position, valueOffset, length, value));
      position = valueOffset + length;
    }
    return new Walk(fields, true, null);
  }

  /**
   * Decodes a varint at {@code position[0]} (advanced past it). Returns the value; on a malformed
   * or truncated varint sets {@code position[0]} to -1 and returns -1. Values above 2^63 are -1 too.
   */
  static long varint(ByteBuffer b, int[] position, int limit) {
    long value = 0;
    int p = position[0];
    for (int shift = 0; shift < 64; shift += 7) {
      if (p < 0 || p >= limit) {
        position[0] = -1;
        return -1;
      }
      int x = b.get(p++) & 0xFF;
      value |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        position[0] = p;
        return value < 0 ? -1 : value;
      }
    }
    position[0] = -1;
    return -1;
  }
}
