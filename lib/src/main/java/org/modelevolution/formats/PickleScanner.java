package org.modelevolution.formats;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks pickle opcodes (protocols 0-5) and records imports, without executing anything.
 *
 * <p>The walk keeps a symbolic stack and memo of small values (short strings, small ints and
 * tuples, globals, dicts of at most a few dozen entries), enough to resolve STACK_GLOBAL from
 * strings pushed directly or fetched back from the memo, and to follow joblib's
 * {@code NumpyArrayWrapper}: after its BUILD the raw array bytes are skipped (their length comes
 * from the wrapper's shape and dtype) and object arrays' nested pickles are scanned. Long strings
 * and byte payloads are skipped, never buffered, so memory stays bounded whatever the file declares.
 *
 * <p>One scanner accumulates the imports of several pickles (torch legacy streams, the pickles of a
 * TorchScript archive); {@link #result()} gives the combined scan.
 */
final class PickleScanner {
  private static final int MAX_STRING = 256;
  private static final int MAX_LINE = 4096;
  private static final int MAX_TUPLE = 64;
  private static final int MAX_DICT = 64;
  private static final int MAX_STACK = 1 << 16;
  private static final int MAX_MEMO = 1 << 18;
  private static final int MAX_NESTING = 4;
  private static final String JOBLIB_WRAPPER = "joblib.numpy_pickle.NumpyArrayWrapper";

  /** How one walk ended. */
  record Outcome(boolean stopped, long opcodes, int protocol, int stackAtStop, String problem, long end, long calls) {
    boolean clean() {
      return stopped && problem == null;
    }
  }

  private final Map<String, PickleScan.Found> found = new LinkedHashMap<>();
  private final List<PickleScan.Gap> gaps = new ArrayList<>();
  private String where = "pickle";
  private boolean capReached;
  private int pickles;

  /**
   * Walks one pickle from the current position of {@code in} up to and including its STOP. The
   * outcome's {@code end} counts the bytes consumed (read or skipped) by this walk. {@code where}
   * names the stream in findings (e.g. an archive entry).
   */
  Outcome walk(InputStream in, String where) throws IOException {
    this.where = where;
    return walk(new Cursor(in), 0);
  }

  Outcome walk(InputStream in) throws IOException {
    return walk(in, where);
  }

  /** Records that the scan could not cover everything, e.g. because a cap was reached. */
  void incomplete(String why) {
    gaps.add(new PickleScan.Gap(where, -1, why));
  }

  /** Records a gap at {@code offset} of stream {@code where}. */
  void incomplete(String where, long offset, String why) {
    gaps.add(new PickleScan.Gap(where, offset, why));
  }

  boolean imported(String prefix) {
    for (String g : found.keySet()) {
      if (g.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  int pickles() {
    return pickles;
  }

  /** Whether a read or decompression cap stopped the scan (a budget, not a broken stream). */
  boolean capReached() {
    return capReached;
  }

  void capReached(String where, String why) {
    capReached = true;
    incomplete(where, -1, why);
  }

  int importCount() {
    return found.size();
  }

  /** The scan so far, judged by the standard policy (see {@link PickleScan#judgedBy}). */
  PickleScan result() {
    return PickleScan.judge(new ArrayList<>(found.values()), gaps, pickles, PicklePolicy.standard());
  }

  // ---------------------------------------------------------------- the walk

  private Outcome walk(Cursor in, int nesting) throws IOException {
    List<Object> stack = new ArrayList<>();
    Memo memo = new Memo();
    long memoLength = 0;
    long opcodes = 0;
    long calls = 0;
    int protocol = 0;
    long start = in.position;
    pickles++;
    try {
      while (true) {
        long at = in.position;
        int op = in.read();
        if (op < 0) {
          if (opcodes == 0) {
            pickles--;
          }
          return new Outcome(false, opcodes, protocol, stack.size(), opcodes == 0 ? "empty" : "truncated before STOP", in.position - start, calls);
        }
        opcodes++;
        if (stack.size() > MAX_STACK) {
          incomplete("pickle stack deeper than " + MAX_STACK + " at offset " + at);
          return new Outcome(false, opcodes, protocol, stack.size(), "stack too deep", in.position - start, calls);
        }
        switch (op) {
          case 0x80 -> { // PROTO
            protocol = in.u8();
            if (protocol > 5) {
              return bad(in, start, opcodes, protocol, stack, calls, "unsupported protocol " + protocol + " at offset " + at);
            }
          }
          case 0x95 -> in.fixed(8); // FRAME: a length hint only
          case '.' -> { // STOP
            return new Outcome(true, opcodes, protocol, stack.size(), null, in.position - start, calls);
          }
          case '(' -> stack.add(Mark.MARK);
          case '0' -> pop(stack);
          case '1' -> popToMark(stack);
          case '2' -> stack.add(stack.isEmpty() ? Other.VALUE : stack.get(stack.size() - 1));
          case 'N' -> stack.add(Other.NONE);
          case 0x88, 0x89 -> stack.add(Other.VALUE);
          case 'I' -> stack.add(parseInt(in.line(), at));
          case 'L' -> stack.add(parseLong(in.line(), at));
          case 'F' -> {
            in.line();
            stack.add(Other.VALUE);
          }
          case 'G' -> {
            in.fixed(8);
            stack.add(Other.VALUE);
          }
          case 'J' -> stack.add(new Int((int) in.fixed(4)));
          case 'K' -> stack.add(new Int(in.u8()));
          case 'M' -> stack.add(new Int(in.fixed(2)));
          case 0x8a -> stack.add(longBytes(in, in.u8()));
          case 0x8b -> stack.add(longBytes(in, checkedLength(in.fixed(4), 4, at)));
          case 'S' -> stack.add(quoted(in.line()));
          case 'V' -> stack.add(str(rawUnicode(in.line())));
          case 'T' -> stack.add(payload(in, checkedLength(in.fixed(4), 4, at), Text.LATIN1, at, nesting));
          case 'U' -> stack.add(payload(in, in.u8(), Text.LATIN1, at, nesting));
          case 'X' -> stack.add(payload(in, in.fixed(4), Text.UTF8, at, nesting));
          case 0x8c -> stack.add(string(in, in.u8(), StandardCharsets.UTF_8));
          case 0x8d -> stack.add(payload(in, checkedLength(in.fixed(8), 8, at), Text.UTF8, at, nesting));
          case 'B' -> stack.add(payload(in, in.fixed(4), Text.BYTES, at, nesting));
          case 'C' -> stack.add(payload(in, in.u8(), Text.BYTES, at, nesting));
          case 0x8e -> stack.add(payload(in, checkedLength(in.fixed(8), 8, at), Text.BYTES, at, nesting));
          case 0x96 -> stack.add(payload(in, checkedLength(in.fixed(8), 8, at), Text.BYTES, at, nesting));
          case ')' -> stack.add(new Tup(List.of()));
          case 0x85 -> stack.add(tuple(popN(stack, 1)));
          case 0x86 -> stack.add(tuple(popN(stack, 2)));
          case 0x87 -> stack.add(tuple(popN(stack, 3)));
          case 't' -> stack.add(tuple(popToMark(stack)));
          case ']' -> stack.add(Other.VALUE);
          case 'l' -> {
            popToMark(stack);
            stack.add(Other.VALUE);
          }
          case 'a' -> pop(stack);
          case 'e' -> popToMark(stack);
          case '}' -> stack.add(new Dict());
          case 'd' -> {
            Dict dict = new Dict();
            dict.putPairs(popToMark(stack));
            stack.add(dict);
          }
          case 's' -> {
            Object value = pop(stack);
            Object key = pop(stack);
            if (top(stack) instanceof Dict dict) {
              dict.put(key, value);
            }
          }
          case 'u' -> {
            List<Object> items = popToMark(stack);
            if (top(stack) instanceof Dict dict) {
              dict.putPairs(items);
            }
          }
          case 0x8f -> stack.add(Other.VALUE);
          case 0x90 -> popToMark(stack);
          case 0x91 -> {
            popToMark(stack);
            stack.add(Other.VALUE);
          }
          case 'c' -> {
            String module = in.line();
            String name = in.line();
            stack.add(global(module, name, at));
          }
          case 'i' -> {
            calls++;
            String module = in.line();
            String name = in.line();
            Object cls = global(module, name, at);
            popToMark(stack);
            stack.add(new Inst(cls));
          }
          case 0x93 -> {
            Object name = pop(stack);
            Object module = pop(stack);
            if (module instanceof Str m && name instanceof Str n) {
              stack.add(global(m.value(), n.value(), at));
            } else {
              incomplete(where, at, "STACK_GLOBAL with operands that are not short strings: import unresolvable");
              stack.add(Other.VALUE);
            }
          }
          case 'o' -> {
            calls++;
            List<Object> items = popToMark(stack);
            stack.add(new Inst(items.isEmpty() ? Other.VALUE : items.get(0)));
          }
          case 0x81 -> {
            calls++;
            pop(stack);
            stack.add(new Inst(pop(stack)));
          }
          case 0x92 -> {
            calls++;
            pop(stack);
            pop(stack);
            stack.add(new Inst(pop(stack)));
          }
          case 'R' -> {
            calls++;
            Object args = pop(stack);
            Object callable = pop(stack);
            stack.add(new Reduced(callable, args));
          }
          case 'b' -> {
            calls++;
            Object state = pop(stack);
            Object target = top(stack);
            if (isJoblibWrapper(target)) {
              skipJoblibArray(in, state, at, nesting);
            }
          }
          case 'P' -> {
            in.line();
            stack.add(Other.VALUE);
          }
          case 'Q' -> {
            pop(stack);
            stack.add(Other.VALUE);
          }
          case 0x82, 0x83, 0x84 -> {
            in.fixed(op == 0x82 ? 1 : op == 0x83 ? 2 : 4);
            incomplete(where, at, "EXT opcode: an import through the copyreg extension registry, unresolvable here");
            stack.add(Other.VALUE);
          }
          case 'p' -> {
            long key = memoKey(in.line(), at);
            memoLength += memo.contains(key) ? 0 : 1;
            memo.put(key, top(stack));
          }
          case 'q' -> {
            long key = in.u8();
            memoLength += memo.contains(key) ? 0 : 1;
            memo.put(key, top(stack));
          }
          case 'r' -> {
            long key = in.fixed(4);
            memoLength += memo.contains(key) ? 0 : 1;
            memo.put(key, top(stack));
          }
          case 0x94 -> memo.put(memoLength++, top(stack));
          case 'g' -> stack.add(recall(memo, memoKey(in.line(), at), at));
          case 'h' -> stack.add(recall(memo, in.u8(), at));
          case 'j' -> stack.add(recall(memo, in.fixed(4), at));
          case 0x97 -> stack.add(Other.VALUE);
          case 0x98 -> { } // READONLY_BUFFER: changes no stack shape
          default -> {
            return bad(in, start, opcodes, protocol, stack, calls, String.format("invalid opcode 0x%02x at offset %d", op, at));
          }
        }
      }
    } catch (Malformed e) {
      return bad(in, start, opcodes, protocol, stack, calls, e.getMessage());
    } catch (EOFException e) {
      return new Outcome(false, opcodes, protocol, stack.size(), "truncated before STOP", in.position - start, calls);
    }
  }

  private static Outcome bad(Cursor in, long start, long opcodes, int protocol, List<Object> stack, long calls, String problem) {
    return new Outcome(false, opcodes, protocol, stack.size(), problem, in.position - start, calls);
  }

  private Object global(String module, String name, long at) throws Malformed {
    if (module == null || name == null || module.isEmpty() || name.isEmpty()) {
      throw new Malformed("GLOBAL with an empty or overlong name at offset " + at);
    }
    Glob g = new Glob(module + "." + name);
    found.putIfAbsent(g.dotted(), new PickleScan.Found(module, name, where, at));
    return g;
  }

  /** A memo read; a key never stored makes the unpickler fail there, which this walk cannot follow. */
  private Object recall(Memo memo, long key, long at) {
    if (!memo.contains(key)) {
      incomplete(where, at, "memo key " + key + " read before it was stored");
    }
    return memo.get(key);
  }

  /** How a string or bytes payload is kept: as text (a possible STACK_GLOBAL operand) or not. */
  private enum Text {
    LATIN1,
    UTF8,
    BYTES
  }

  /**
   * A string or bytes argument. Short ones are kept as values; every one that starts like a pickle
   * (PROTO 2-5; for protocol-2 text, the latin-1 code points of {@code _codecs.encode}) is walked as a
   * nested pickle, since {@code torch.storage._load_from_bytes}, {@code pickle.loads} and the like
   * unpickle their argument. The rest is skipped, never buffered.
   */
  private Object payload(Cursor in, long length, Text text, long at, int nesting) throws IOException {
    if (length < 0) {
      throw new Malformed("negative length at offset " + at);
    }
    if (length <= MAX_STRING) {
      byte[] b = in.bytes((int) length);
      boolean candidate = length >= 2 && ((b[0] & 0xFF) == 0x80 || (text == Text.UTF8 && length >= 3 && (b[0] & 0xFF) == 0xC2 && (b[1] & 0xFF) == 0x80));
      if (candidate && nesting < MAX_NESTING) {
        byte[] raw = text == Text.UTF8 ? Latin1.decodeOrNull(b) : b;
        if (raw != null && startsLikePickle(raw, 0)) {
          nested(new java.io.ByteArrayInputStream(raw), at, nesting);
        }
      }
      return text == Text.BYTES ? Other.VALUE : str(new String(b, text == Text.LATIN1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
    }
    int peek = text == Text.UTF8 ? 3 : 2;
    byte[] head = in.bytes(peek);
    long rest = length - peek;
    byte[] raw = text == Text.UTF8 ? Latin1.decodeOrNull(head) : head;
    if (nesting < MAX_NESTING && raw != null && raw.length >= 2 && startsLikePickle(raw, 0)) {
      Bounded body = new Bounded(in, rest);
      InputStream stream = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), body);
      nested(text == Text.UTF8 ? new Latin1(stream) : stream, at, nesting);
      body.skipRemaining();
    } else {
      in.skipExactly(rest);
    }
    return Other.VALUE;
  }

  private static boolean startsLikePickle(byte[] b, int from) {
    return b.length >= from + 2 && (b[from] & 0xFF) == 0x80 && b[from + 1] >= 2 && b[from + 1] <= 5;
  }

  /**
   * Walks the pickles of a payload: up to five in a row (a legacy torch.save stream inside
   * {@code _load_from_bytes}); raw bytes may follow them. Only a first pickle that cannot be walked
   * is a gap.
   */
  private void nested(InputStream payload, long at, int nesting) throws IOException {
    String outer = where;
    String inner = outer + " > nested pickle at offset " + at;
    try {
      Cursor cursor = new Cursor(payload);
      for (int i = 0; i < 5; i++) {
        where = inner;
        Outcome o = walk(cursor, nesting + 1);
        if (!o.clean()) {
          if (i == 0) {
            incomplete(inner, o.end(), o.problem());
          }
          break;
        }
      }
    } catch (Latin1.NotLatin1 e) {
      incomplete(inner, -1, "payload is not latin-1 text: " + e.getMessage());
    } finally {
      where = outer;
    }
  }

  /**
   * Whether a BUILD target is a joblib {@code NumpyArrayWrapper}: made by NEWOBJ/OBJ/INST (protocol
   * 2+), or by {@code copyreg._reconstructor(NumpyArrayWrapper, object, None)} (protocols 0 and 1).
   */
  private static boolean isJoblibWrapper(Object target) {
    if (target instanceof Inst inst) {
      return inst.cls() instanceof Glob g && g.dotted().equals(JOBLIB_WRAPPER);
    }
    if (target instanceof Reduced r && r.callable() instanceof Glob f
        && (f.dotted().equals("copy_reg._reconstructor") || f.dotted().equals("copyreg._reconstructor"))
        && r.args() instanceof Tup t && !t.items().isEmpty()) {
      return t.items().get(0) instanceof Glob g && g.dotted().equals(JOBLIB_WRAPPER);
    }
    return false;
  }

  /** After the BUILD of a joblib wrapper: skip the raw array or scan the nested object pickle. */
  private void skipJoblibArray(Cursor in, Object state, long at, int nesting) throws IOException {
    if (!(state instanceof Dict dict)) {
      throw new Malformed("NumpyArrayWrapper state at offset " + at + " is not a dict");
    }
    String typestr = dtypeString(dict.get("dtype"));
    if (typestr == null) {
      throw new Malformed("NumpyArrayWrapper at offset " + at + " without a readable dtype");
    }
    if (typestr.startsWith("O")) {
      if (nesting >= MAX_NESTING) {
        throw new Malformed("object arrays nested deeper than " + MAX_NESTING);
      }
      Outcome nested = walk(in, nesting + 1);
      if (!nested.clean()) {
        throw new Malformed("nested object-array pickle at offset " + at + ": " + nested.problem());
      }
      return;
    }
    long itemSize = itemSize(typestr);
    long count = elementCount(dict.get("shape"));
    if (itemSize < 0 || count < 0) {
      throw new Malformed("NumpyArrayWrapper at offset " + at + " with unreadable shape or dtype " + typestr);
    }
    if (dict.get("numpy_array_alignment_bytes") instanceof Int) {
      int padding = in.u8();
      in.skipExactly(padding);
    }
    long bytes;
    try {
      bytes = Math.multiplyExact(count, itemSize);
    } catch (ArithmeticException e) {
      throw new Malformed("NumpyArrayWrapper at offset " + at + " declares an impossible size");
    }
    in.skipExactly(bytes);
  }

  private static String dtypeString(Object dtype) {
    if (dtype instanceof Reduced r && r.args() instanceof Tup t && !t.items().isEmpty() && t.items().get(0) instanceof Str s) {
      return s.value();
    }
    return null;
  }

  /** Bytes per element of a numpy type string such as {@code f4}, {@code U3} (UCS-4) or {@code V16}. */
  static long itemSize(String typestr) {
    if (typestr.length() < 2) {
      return -1;
    }
    char kind = typestr.charAt(0);
    long digits;
    try {
      digits = Long.parseLong(typestr.substring(1));
    } catch (NumberFormatException e) {
      return -1;
    }
    return switch (kind) {
      case 'U' -> digits * 4;
      case 'b', 'i', 'u', 'f', 'c', 'S', 'V', 'M', 'm', 'a' -> digits;
      default -> -1;
    };
  }

  private static long elementCount(Object shape) {
    if (!(shape instanceof Tup t)) {
      return -1;
    }
    long count = 1;
    for (Object dim : t.items()) {
      if (!(dim instanceof Int i) || i.value() < 0) {
        return -1;
      }
      try {
        count = Math.multiplyExact(count, i.value());
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return count;
  }

  // ---------------------------------------------------------------- stack helpers

  private static Object pop(List<Object> stack) {
    return stack.isEmpty() ? Other.VALUE : stack.remove(stack.size() - 1);
  }

  private static Object top(List<Object> stack) {
    return stack.isEmpty() ? Other.VALUE : stack.get(stack.size() - 1);
  }

  private static List<Object> popN(List<Object> stack, int n) {
    List<Object> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(0, pop(stack));
    }
    return items;
  }

  private static List<Object> popToMark(List<Object> stack) {
    int mark = stack.lastIndexOf(Mark.MARK);
    List<Object> slice = stack.subList(mark + 1, stack.size());
    List<Object> items = slice.size() <= MAX_TUPLE ? new ArrayList<>(slice) : null;
    slice.clear();
    if (mark >= 0) {
      stack.remove(mark);
    }
    return items == null ? List.of(Other.TOO_BIG) : items;
  }

  private static Object tuple(List<Object> items) {
    return items.contains(Other.TOO_BIG) ? Other.VALUE : new Tup(List.copyOf(items));
  }

  /**
   * The pickle memo. Writers number entries densely from 0, so small keys live in an array that
   * grows by doubling (at most {@value #MAX_MEMO} slots); other keys go to a map of the same bound.
   */
  private static final class Memo {
    private Object[] dense = new Object[64];
    private Map<Long, Object> sparse;

    void put(long key, Object value) {
      if (key >= 0 && key < MAX_MEMO) {
        if (key >= dense.length) {
          dense = java.util.Arrays.copyOf(dense, (int) Math.min(MAX_MEMO, Math.max(dense.length * 2L, key + 1)));
        }
        dense[(int) key] = value;
        return;
      }
      if (sparse == null) {
        sparse = new HashMap<>();
      }
      if (sparse.size() < MAX_MEMO || sparse.containsKey(key)) {
        sparse.put(key, value);
      }
    }

    boolean contains(long key) {
      if (key >= 0 && key < MAX_MEMO) {
        return key < dense.length && dense[(int) key] != null;
      }
      return sparse != null && sparse.containsKey(key);
    }

    Object get(long key) {
      Object value = key >= 0 && key < dense.length ? dense[(int) key] : sparse == null ? null : sparse.get(key);
      return value == null ? Other.VALUE : value;
    }
  }

  // ---------------------------------------------------------------- argument decoding

  private static Object string(Cursor in, long length, java.nio.charset.Charset charset) throws IOException {
    if (length > MAX_STRING) {
      in.skipExactly(length);
      return Other.VALUE;
    }
    return str(new String(in.bytes((int) length), charset));
  }

  private static Object skipped(Cursor in, long length) throws IOException {
    in.skipExactly(length);
    return Other.VALUE;
  }

  private static long checkedLength(long raw, int width, long at) throws Malformed {
    if (width == 4 && raw > Integer.MAX_VALUE) {
      throw new Malformed("negative length at offset " + at);
    }
    if (raw < 0) {
      throw new Malformed("negative length at offset " + at);
    }
    return raw;
  }

  private static Object longBytes(Cursor in, long n) throws IOException {
    if (n > 8) {
      in.skipExactly(n);
      return Other.VALUE;
    }
    byte[] b = in.bytes((int) n);
    long v = 0;
    for (int i = (int) n - 1; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    if (n > 0 && n < 8 && (b[(int) n - 1] & 0x80) != 0) {
      v -= 1L << (8 * n);
    }
    return new Int(v);
  }

  private static Object str(String s) {
    return s == null || s.length() > MAX_STRING ? Other.VALUE : new Str(s);
  }

  private static Object parseInt(String line, long at) throws Malformed {
    if (line == null) {
      throw new Malformed("overlong INT at offset " + at);
    }
    if (line.equals("00") || line.equals("01")) {
      return Other.VALUE;
    }
    try {
      return new Int(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      if (line.trim().matches("[+-]?[0-9]+")) {
        return Other.VALUE;
      }
      throw new Malformed("INT argument is not a number at offset " + at);
    }
  }

  private static Object parseLong(String line, long at) throws Malformed {
    if (line == null) {
      return Other.VALUE;
    }
    String digits = line.endsWith("L") ? line.substring(0, line.length() - 1) : line;
    if (!digits.trim().matches("[+-]?[0-9]+")) {
      throw new Malformed("LONG argument is not a number at offset " + at);
    }
    return Other.VALUE;
  }

  private static Object quoted(String line) {
    if (line == null || line.length() < 2) {
      return Other.VALUE;
    }
    char q = line.charAt(0);
    if ((q == '\'' || q == '"') && line.charAt(line.length() - 1) == q) {
      return str(line.substring(1, line.length() - 1));
    }
    return Other.VALUE;
  }

  private static String rawUnicode(String line) {
    if (line == null || !line.contains("\\u")) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 5 < line.length() + 0 && line.charAt(i + 1) == 'u') {
        try {
          out.append((char) Integer.parseInt(line.substring(i + 2, i + 6), 16));
          i += 5;
          continue;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          // keep the text as it is
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static long memoKey(String line, long at) throws Malformed {
    try {
      return Long.parseLong(line == null ? "" : line.trim());
    } catch (NumberFormatException e) {
      throw new Malformed("memo key is not a number at offset " + at);
    }
  }

  // ---------------------------------------------------------------- values

  private enum Mark {
    MARK
  }

  private enum Other {
    VALUE,
    NONE,
    TOO_BIG
  }

  private record Str(String value) {}

  private record Int(long value) {}

  private record Tup(List<Object> items) {}

  private record Glob(String dotted) {}

  private record Reduced(Object callable, Object args) {}

  private record Inst(Object cls) {}

  /** A dict under construction; only string keys of small dicts are kept. */
  private static final class Dict {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    void put(Object key, Object value) {
      if (key instanceof Str s && (entries.size() < MAX_DICT || entries.containsKey(s.value()))) {
        entries.put(s.value(), value);
      }
    }

    void putPairs(List<Object> items) {
      for (int i = 0; i + 1 < items.size(); i += 2) {
        put(items.get(i), items.get(i + 1));
      }
    }

    Object get(String key) {
      return entries.get(key);
    }
  }

  /** A pickle that cannot be walked further. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }
  }

  /** The next {@code limit} bytes of an outer cursor, as a stream (its position advances as they are read). */
  private static final class Bounded extends InputStream {
    private final Cursor outer;
    private long left;

    Bounded(Cursor outer, long limit) {
      this.outer = outer;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = outer.read();
      if (b < 0) {
        throw new EOFException();
      }
      left--;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) read();
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = Math.min(n, left);
      outer.skipExactly(s);
      left -= s;
      return s;
    }

    void skipRemaining() throws IOException {
      skip(left);
    }
  }

  /**
   * UTF-8 text of code points below 256 as the bytes they stand for: protocol-2 pickles write
   * bytes as {@code _codecs.encode(text, 'latin1')}.
   */
  private static final class Latin1 extends InputStream {
    private final InputStream utf8;

    Latin1(InputStream utf8) {
      this.utf8 = utf8;
    }

    @Override
    public int read() throws IOException {
      int b = utf8.read();
      if (b < 0x80) {
        return b;
      }
      if (b != 0xC2 && b != 0xC3) {
        throw new NotLatin1("code point above U+00FF");
      }
      int c = utf8.read();
      if (c < 0 || (c & 0xC0) != 0x80) {
        throw new NotLatin1("broken UTF-8 sequence");
      }
      return ((b & 0x1F) << 6) | (c & 0x3F);
    }

    /** The latin-1 bytes of {@code utf8}, or null when it holds other code points (or is cut mid-sequence). */
    static byte[] decodeOrNull(byte[] utf8) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(utf8.length);
      Latin1 in = new Latin1(new java.io.ByteArrayInputStream(utf8));
      try {
        for (int b; (b = in.read()) >= 0; ) {
          out.write(b);
        }
      } catch (IOException e) {
        byte[] partial = out.toByteArray();
        return partial.length >= 3 ? partial : null;
      }
      return out.toByteArray();
    }

    static final class NotLatin1 extends IOException {
      NotLatin1(String message) {
        super(message);
      }
    }
  }

  /** Reads opcode arguments with bounds, keeping the stream position for messages. */
  private static final class Cursor {
    private final InputStream in;
    long position;

    Cursor(InputStream in) {
      this.in = in;
    }

    int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        position++;
      }
      return b;
    }

    int u8() throws IOException {
      int b = read();
      if (b < 0) {
        throw new EOFException();
      }
      return b;
    }

    /** An unsigned little-endian integer of {@code width} bytes (8-byte values above 2^63 become negative). */
    long fixed(int width) throws IOException {
      long v = 0;
      for (int i = 0; i < width; i++) {
        v |= (long) u8() << (8 * i);
      }
      return v;
    }

    byte[] bytes(int n) throws IOException {
      byte[] b = new byte[n];
      int done = 0;
      while (done < n) {
        int got = in.read(b, done, n - done);
        if (got < 0) {
          throw new EOFException();
        }
        done += got;
      }
      position += n;
      return b;
    }

    void skipExactly(long n) throws IOException {
      if (n < 0) {
        throw new Malformed("negative skip");
      }
      long left = n;
      while (left > 0) {
        long s = in.skip(left);
        if (s <= 0) {
          if (in.read() < 0) {
            throw new EOFException();
          }
          s = 1;
        }
        left -= s;
      }
      position += n;
    }

    /** A newline-terminated argument; {@code null} when longer than the line bound (still consumed). */
    String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      boolean overlong = false;
      while (true) {
        int b = u8();
        if (b == '\n') {
          break;
        }
        if (sb.length() < MAX_LINE) {
          sb.append((char) b);
        } else {
          overlong = true;
        }
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
        sb.setLength(sb.length() - 1);
      }
      return overlong ? null : sb.toString();
    }
  }
}
