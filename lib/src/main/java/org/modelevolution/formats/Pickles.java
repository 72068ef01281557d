package org.modelevolution.formats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A tiny writer of hand-made pickle opcode streams for tests. */
final class Pickles {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Pickles protocol(int p) {
    Pickles w = new Pickles();
    return w.op(0x80).op(p);
  }

  static Pickles text() {
    return new Pickles();
  }

  Pickles op(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  Pickles ascii(String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    return this;
  }

  Pickles u32(long v) {
    return op((int) v & 0xFF, (int) (v >>> 8) & 0xFF, (int) (v >>> 16) & 0xFF, (int) (v >>> 24) & 0xFF);
  }

  Pickles u64(long v) {
    return u32(v).u32(v >>> 32);
  }

  /** SHORT_BINUNICODE. */
  Pickles shortUnicode(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    op(0x8c, b.length);
    out.writeBytes(b);
    return this;
  }

  /** BINUNICODE. */
  Pickles unicode(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    op('X').u32(b.length);
    out.writeBytes(b);
    return this;
  }

  /** Raw bytes as they are. */
  Pickles raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  /** BINBYTES (protocol 3+). */
  Pickles binBytes(byte[] b) {
    op('B').u32(b.length);
    out.writeBytes(b);
    return this;
  }

  /** {@code module.name(arg)}: GLOBAL, MARK, BINUNICODE arg, TUPLE, REDUCE. */
  Pickles call(String module, String name, String arg) {
    return global(module, name).op('(').unicode(arg).op('t', 'R');
  }

  Pickles global(String module, String name) {
    return op('c').ascii(module + "\n" + name + "\n");
  }

  Pickles stop() {
    return op('.');
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
