package org.modelevolution.formats;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Flax-style msgpack: a root map with string keys whose values are nested maps and extension values
 * (type 1 ndarray, 2 complex, 3 numpy scalar). Confirmed by walking the msgpack structure, seeking
 * over string, binary and extension payloads, within an item budget.
 */
final class MsgpackRule implements FormatRule {
  private static final int MAX_ITEMS = 100_000;
  private static final int MAX_DEPTH = 64;

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    int first = probe.head(1).limit() > 0 ? probe.head(1).get(0) & 0xFF : -1;
    if (!((first >= 0x80 && first <= 0x8F) || first == 0xDE || first == 0xDF)) {
      return null;
    }
    Walker w = new Walker(new SourceInputStream(probe, 0, probe.size));
    boolean complete;
    try {
      complete = w.value(0, true);
    } catch (Invalid | EOFException e) {
      notes.add(new Evidence(w.position, "root msgpack map but invalid structure: " + (e.getMessage() == null ? "truncated" : e.getMessage())));
      return null;
    }
    boolean ended = complete && w.position == probe.size;
    if (w.nonStringKey || !(w.modelExtensions > 0 || (ended && w.nestedMaps > 0))) {
      notes.add(new Evidence(0, "msgpack map without Flax structure (string keys, nested maps, ndarray extensions)"));
      return null;
    }
    if (complete && !ended) {
      notes.add(new Evidence(w.position, "msgpack root value ends before the end of the file"));
      return null;
    }
    return Match.of(
        FormatId.MSGPACK,
        new Evidence(0, String.format("root map (0x%02x) with string keys", first)),
        new Evidence(0, (complete ? "whole file walked" : "walked " + w.items + " items") + ": " + w.nestedMaps
            + " nested maps, " + w.modelExtensions + " ndarray/scalar/complex extension values"));
  }

  private static final class Invalid extends IOException {
    Invalid(String message) {
      super(message);
    }
  }

  private static final class Walker {
    private final InputStream in;
    long position;
    int items;
    int nestedMaps;
    int modelExtensions;
    boolean nonStringKey;

    Walker(InputStream in) {
      this.in = in;
    }

    /** Walks one value; returns false when the item budget ran out (everything seen was valid). */
    boolean value(int depth, boolean root) throws IOException {
      if (++items > MAX_ITEMS) {
        return false;
      }
      if (depth > MAX_DEPTH) {
        throw new Invalid("nesting deeper than " + MAX_DEPTH);
      }
      int b = u8();
      if (b <= 0x7F || b >= 0xE0) {
        return true;
      }
      if (b <= 0x8F) {
        return map(b & 0x0F, depth, root);
      }
      if (b <= 0x9F) {
        return array(b & 0x0F, depth);
      }
      if (b <= 0xBF) {
        return skip(b & 0x1F);
      }
      return switch (b) {
        case 0xC0, 0xC2, 0xC3 -> true;
        case 0xC1 -> throw new Invalid("never-used byte 0xc1");
        case 0xC4, 0xD9 -> skip(uint(1));
        case 0xC5, 0xDA -> skip(uint(2));
        case 0xC6, 0xDB -> skip(uint(4));
        case 0xC7 -> ext(uint(1));
        case 0xC8 -> ext(uint(2));
        case 0xC9 -> ext(uint(4));
        case 0xCA -> skip(4);
        case 0xCB -> skip(8);
        case 0xCC, 0xD0 -> skip(1);
        case 0xCD, 0xD1 -> skip(2);
        case 0xCE, 0xD2 -> skip(4);
        case 0xCF, 0xD3 -> skip(8);
        case 0xD4 -> ext(1);
        case 0xD5 -> ext(2);
        case 0xD6 -> ext(4);
        case 0xD7 -> ext(8);
        case 0xD8 -> ext(16);
        case 0xDC -> array(uint(2), depth);
        case 0xDD -> array(uint(4), depth);
        case 0xDE -> map(uint(2), depth, root);
        case 0xDF -> map(uint(4), depth, root);
        default -> throw new Invalid("unexpected byte");
      };
    }

    private boolean map(long n, int depth, boolean root) throws IOException {
      if (!root) {
        nestedMaps++;
      }
      for (long i = 0; i < n; i++) {
        int k = peekKeyType();
        if (!(k >= 0xA0 && k <= 0xBF) && k != 0xD9 && k != 0xDA && k != 0xDB) {
          nonStringKey = true;
        }
        if (!value(depth + 1, false) || !value(depth + 1, false)) {
          return false;
        }
      }
      return true;
    }

    private boolean array(long n, int depth) throws IOException {
      for (long i = 0; i < n; i++) {
        if (!value(depth + 1, false)) {
          return false;
        }
      }
      return true;
    }

    private boolean ext(long length) throws IOException {
      int type = u8();
      if (type >= 1 && type <= 3) {
        modelExtensions++;
      }
      return skip(length);
    }

    private int pending = -1;

    private int peekKeyType() throws IOException {
      pending = u8();
      position--;
      return pending;
    }

    private int u8() throws IOException {
      int b;
      if (pending >= 0) {
        b = pending;
        pending = -1;
      } else {
        b = in.read();
      }
      if (b < 0) {
        throw new EOFException();
      }
      position++;
      return b;
    }

    private long uint(int width) throws IOException {
      long v = 0;
      for (int i = 0; i < width; i++) {
        v = (v << 8) | u8();
      }
      return v;
    }

    private boolean skip(long n) throws IOException {
      long left = n;
      while (left > 0) {
        long s = in.skip(left);
        if (s <= 0) {
          throw new EOFException();
        }
        left -= s;
      }
      position += n;
      return true;
    }
  }
}
