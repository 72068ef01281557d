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
  private static final java.util.regex.Pattern MEMO_KEY = java.util.regex.Pattern.compile("[+-]?[0-9]+(_[0-9]+)*");
  private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[+-]?[0-9]+");
  /** The most bytes kept of a list of ints that {@code bytes()} may turn into a nested pickle. */
  private static final int MAX_BUILT_BYTES = 1 << 20;
  /** The largest nested zip buffered to be read as an archive. */
  private static final int MAX_NESTED_ARCHIVE = 8 << 20;
  /** Callables that turn a list, tuple or text of their first argument into bytes. */
  private static final java.util.Set<String> BYTES_MAKERS = java.util.Set.of(
      "builtins.bytes", "builtins.bytearray", "__builtin__.bytes", "__builtin__.bytearray", "__builtin__.str",
      "_codecs.encode", "codecs.encode", "_codecs.latin_1_encode", "_codecs.utf_8_encode");

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
  /** How deep the current walk is nested in other pickles and archives. */
  private int depth;
  /** Whether the current walk is a guess (bytes some loader might unpickle), stopped by the first error. */
  private boolean speculative;
  private long totalCalls;
  /** Bytes of nested archives buffered so far (bounded in total, not just per archive). */
  private long archiveBytes;
  /** Whether PERSID fails, as in {@code pickle.load} without a {@code persistent_load}. */
  private boolean persistentIdsFail;

  /** Walks as plain {@code pickle.load} does: no persistent ids (a polyglot read from offset 0). */
  void withoutPersistentLoad() {
    persistentIdsFail = true;
  }

  /** Whether bytes and text values are inspected as possible nested pickles (see {@link #inspect}). */
  private boolean inspectPayloads = true;

  /**
   * Walks opcodes only, without inspecting payloads: for pickles read by TorchScript's C++
   * unpickler, which never unpickles a bytes value.
   */
  void withoutPayloadInspection() {
    inspectPayloads = false;
  }

  /** The value the last walk left at STOP (small ints, tuples, globals only). */
  private Object result = Other.VALUE;

  /** The int the last walked pickle unpickles to, or -1. */
  long resultInt() {
    return result instanceof Int i ? i.value() : -1;
  }

  /** The dotted import at {@code index} of the tuple the last walked pickle unpickles to, or null. */
  String resultTupleGlobal(int index) {
    return result instanceof Tup t && t.items().size() > index && t.items().get(index) instanceof Glob g ? g.dotted() : null;
  }

  /** The evidence class of what is walked now at depth 0 (see {@link PickleScan.Import#evidence()}). */
  private String evidenceClass = PickleScan.STREAM;

  /** Sets the evidence class of the streams walked next; returns the previous one. */
  String evidenceClass(String kind) {
    String before = evidenceClass;
    evidenceClass = kind;
    return before;
  }

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

  /**
   * Walks bytes that some loader might unpickle although nothing says they are a pickle (an
   * archive member, the start of a file another format claims): imports found count, errors
   * count only when something was imported. Returns whether anything was imported.
   */
  boolean guess(InputStream in, String where) throws IOException {
    String outer = this.where;
    this.where = where;
    int before = found.size();
    try {
      nested(in, -1, true, where);
    } finally {
      this.where = outer;
    }
    return found.size() > before;
  }

  /** The bytes of nested archives still allowed to be buffered (one bound per file). */
  long archiveBudget() {
    return MAX_NESTED_ARCHIVE - archiveBytes;
  }

  /** Counts {@code n} buffered bytes of a nested archive against the bound. */
  void archiveBuffered(long n) {
    archiveBytes += n;
  }

  /** Whether another archive or pickle level may be entered ({@link #enter}/{@link #leave} around it). */
  boolean mayNest() {
    return depth < MAX_NESTING;
  }

  void enter() {
    depth++;
  }

  void leave() {
    depth--;
  }

  /** Calls that the walks met (REDUCE, BUILD, INST, OBJ, NEWOBJ): imports without one run no code of theirs. */
  long calls() {
    return totalCalls;
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

  /** Whether some import lies outside every one of {@code prefixes}. */
  boolean importsBeyond(String... prefixes) {
    outer:
    for (String g : found.keySet()) {
      for (String p : prefixes) {
        if (g.startsWith(p)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Adds the findings of another scan (a side scan kept apart until it mattered). */
  void absorb(PickleScanner other) {
    other.found.forEach(found::putIfAbsent);
    gaps.addAll(other.gaps);
    pickles += other.pickles;
    capReached |= other.capReached;
    totalCalls += other.totalCalls;
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

  private Outcome walk(Cursor in, int unusedNesting) throws IOException {
    int nesting = depth;
    List<Object> stack = new ArrayList<>();
    Memo memo = new Memo(speculative ? 1 << 10 : MAX_MEMO);
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
            result = stack.isEmpty() ? Other.VALUE : stack.get(stack.size() - 1);
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
          case 'S' -> {
            String text = quoted(in.line());
            if (text == null) {
              throw new Malformed("STRING argument not quoted or with a bad escape at offset " + at);
            }
            stack.add(textValue(text, at));
          }
          case 'V' -> stack.add(textValue(rawUnicode(in.line()), at));
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
          case ']' -> stack.add(new Lst());
          case 'l' -> {
            Lst list = new Lst();
            appendToMark(stack, list);
            stack.add(list);
          }
          case 'a' -> {
            Object value = pop(stack);
            if (top(stack) instanceof Lst list) {
              list.add(value);
            }
          }
          case 'e' -> {
            int mark = stack.lastIndexOf(Mark.MARK);
            Object target = mark > 0 ? stack.get(mark - 1) : null;
            appendToMark(stack, target instanceof Lst list ? list : new Lst());
          }
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
            totalCalls++;
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
            totalCalls++;
            List<Object> items = popToMark(stack);
            stack.add(new Inst(items.isEmpty() ? Other.VALUE : items.get(0)));
          }
          case 0x81 -> {
            calls++;
            totalCalls++;
            Object args = pop(stack);
            Object cls = pop(stack);
            constructed(cls, args, at);
            stack.add(new Inst(cls));
          }
          case 0x92 -> {
            calls++;
            totalCalls++;
            pop(stack);
            pop(stack);
            stack.add(new Inst(pop(stack)));
          }
          case 'R' -> {
            calls++;
            totalCalls++;
            Object args = pop(stack);
            Object callable = pop(stack);
            constructed(callable, args, at);
            stack.add(new Reduced(callable, args));
          }
          case 'b' -> {
            calls++;
            totalCalls++;
            Object state = pop(stack);
            Object target = top(stack);
            if (target instanceof Reduced r) {
              r.state = state; // a numpy dtype's state says whether it holds objects
            }
            if (isJoblibWrapper(target)) {
              skipJoblibArray(in, state, at, nesting);
            } else if (isJoblibFileWrapper(target)) {
              String file = state instanceof Dict d && d.get("filename") instanceof Str f ? "'" + f.value() + "'" : "a file named in its state";
              incomplete(where, at, "joblib " + ((Glob) ((Inst) target).cls()).dotted() + " loads its array from " + file
                  + " beside this one (np.load of another file): not scanned here");
            }
          }
          case 'P' -> {
            if (persistentIdsFail) {
              // pickle.load without a persistent_load raises here (a polyglot is read that way).
              throw new Malformed("PERSID without a persistent_load at offset " + at);
            }
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
          // The memo as _pickle.c keeps it: PUT may overwrite an index; the count of filled
          // indexes grows only when a new one is filled; MEMOIZE stores at that count (which may
          // be an index a PUT filled already: it is overwritten and the count stays).
          case 'p' -> memoPut(memo, memoKey(in.line(), at), top(stack), at);
          case 'q' -> memoPut(memo, in.u8(), top(stack), at);
          case 'r' -> memoPut(memo, in.fixed(4), top(stack), at);
          case 0x94 -> memoPut(memo, memo.filled(), top(stack), at);
          case 'g' -> stack.add(recall(memo, memoKey(in.line(), at), at));
          case 'h' -> stack.add(recall(memo, in.u8(), at));
          case 'j' -> stack.add(recall(memo, in.fixed(4), at));
          case 0x97 -> stack.add(Other.VALUE);
          case 0x98 -> { } // READONLY_BUFFER: changes no stack shape
          default -> {
            return bad(in, start, opcodes, protocol, stack, calls, "invalid opcode 0x" + (op < 0x10 ? "0" : "") + Integer.toHexString(op) + " at offset " + at);
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
    if (!dottedIdentifier(module) || !dottedIdentifier(name)) {
      // find_class imports the module and walks the name attribute by attribute: text that is not
      // a dotted identifier names no module or attribute, so the unpickler stops here, having run
      // nothing of it.
      throw new Malformed("import of '" + printable(module) + "." + printable(name) + "' at offset " + at
          + " cannot resolve (not a dotted identifier)");
    }
    Glob g = new Glob(module + "." + name);
    found.putIfAbsent(g.dotted(), new PickleScan.Found(module, name, where, at, depth > 0 ? PickleScan.NESTED : evidenceClass));
    return g;
  }

  /** Whether {@code s} is identifiers joined by single dots (Python's rules, approximated by Unicode's). */
  static boolean dottedIdentifier(String s) {
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (start) {
          return false;
        }
        start = true;
        continue;
      }
      boolean ok = c == '_' || (start ? Character.isUnicodeIdentifierStart(c) : Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
      if (!ok) {
        return false;
      }
      start = false;
    }
    return !start;
  }

  private static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    StringBuilder out = new StringBuilder();
    for (char c : cut.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c & 0xFF));
    }
    return out.toString();
  }

  private void memoPut(Memo memo, long key, Object value, long at) throws Malformed {
    if (key < 0) {
      throw new Malformed("negative memo key at offset " + at);
    }
    if (!memo.put(key, value)) {
      incomplete(where, at, "memo holds more than " + MAX_MEMO + " entries: later memo reads unresolvable");
    }
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
   * A string or bytes argument. Short ones are kept as values. Every one is inspected as bytes some
   * loader may unpickle ({@code torch.storage._load_from_bytes}, {@code pickle.loads}, ...: see
   * {@link #inspect}); text as the latin-1 bytes {@code _codecs.encode(text, 'latin1')} makes of it.
   * Long payloads are streamed, never buffered (a zip is, up to a bound).
   */
  private Object payload(Cursor in, long length, Text text, long at, int nesting) throws IOException {
    if (length < 0) {
      throw new Malformed("negative length at offset " + at);
    }
    if (length <= MAX_STRING) {
      byte[] b = in.bytes((int) length);
      if (text == Text.BYTES) {
        inspect(b, at);
        return new Blob(b);
      }
      String value = new String(b, text == Text.LATIN1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      return textValue(value, at);
    }
    if (!inspectPayloads) {
      in.skipExactly(length);
      return Other.VALUE;
    }
    int peek = text == Text.UTF8 ? 8 : 4;
    byte[] head = in.bytes(peek);
    long rest = length - peek;
    byte[] raw = text == Text.UTF8 ? Latin1.decodeOrNull(head) : head;
    Kind kind = raw == null ? Kind.OTHER : kind(raw);
    if (depth >= MAX_NESTING) {
      if (kind != Kind.OTHER) {
        incomplete(where, at, "nested " + kind.id + " deeper than " + MAX_NESTING + " levels: not scanned");
      }
      in.skipExactly(rest);
      return Other.VALUE;
    }
    if (kind == Kind.ZIP && text != Text.UTF8) {
      if (length > MAX_NESTED_ARCHIVE || archiveBytes + length > MAX_NESTED_ARCHIVE) {
        incomplete(where, at, "nested zip of " + length + " bytes exceeds the " + MAX_NESTED_ARCHIVE + "-byte bound for nested archives: not scanned");
        in.skipExactly(rest);
      } else {
        // Read as it comes (a declared length allocates nothing the stream does not hold).
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream(4096);
        whole.writeBytes(head);
        for (long left = rest; left > 0; ) {
          int n = (int) Math.min(8192, left);
          byte[] got = in.bytes(n);
          whole.write(got, 0, n);
          left -= n;
        }
        archiveBytes += length;
        nestedArchive(whole.toByteArray(), at);
      }
      return Other.VALUE;
    }
    if (raw != null && (kind == Kind.PICKLE || mayStartPickle(raw[0] & 0xFF))) {
      Bounded body = new Bounded(in, rest);
      InputStream stream = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), body);
      nested(text == Text.UTF8 ? new Latin1(stream) : stream, at, kind != Kind.PICKLE);
      body.skipRemaining();
    } else {
      in.skipExactly(rest);
    }
    return Other.VALUE;
  }

  /** A text value: kept when short, inspected as its latin-1 bytes (or UTF-8, when not latin-1). */
  private Object textValue(String text, long at) throws IOException {
    if (text == null) {
      return Other.VALUE; // longer than the line bound: consumed, not kept
    }
    byte[] latin = latin1OrNull(text);
    inspect(latin != null ? latin : text.getBytes(StandardCharsets.UTF_8), at);
    return str(text);
  }

  private static byte[] latin1OrNull(String text) {
    byte[] out = new byte[text.length()];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0xFF) {
        return null;
      }
      out[i] = (byte) c;
    }
    return out;
  }

  /** What a byte payload starts like. */
  private enum Kind {
    PICKLE("pickle"),
    ZIP("zip"),
    OTHER("bytes");

    final String id;

    Kind(String id) {
      this.id = id;
    }
  }

  private static Kind kind(byte[] b) {
    if (startsLikePickle(b, 0)) {
      return Kind.PICKLE;
    }
    if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6))) {
      return Kind.ZIP;
    }
    return Kind.OTHER;
  }

  /**
   * Opcodes a hostile stream without a PROTO header can start with: an import, a mark, a push of
   * a value (a STACK_GLOBAL operand), a frame. Text and raw data rarely start with one, and a walk
   * of them stops at the first error.
   */
  static boolean mayStartPickle(int op) {
    return switch (op) {
      case 'c', 'i', '(', 0x80, 0x95, 'N', ')', ']', '}', 'S', 'V', 'X', 'U', 'T', 0x8c, 0x8d, 'B', 'C', 0x8e, 0x96,
          'I', 'J', 'K', 'L', 'M', 'G', 'F', 0x88, 0x89, 0x8a, 0x8b, 0x8f, 'g', 'h', 'j', 0x82, 0x83, 0x84 -> true;
      default -> false;
    };
  }

  /**
   * Inspects bytes that a loader may unpickle: {@code torch.load} (hence
   * {@code torch.storage._load_from_bytes}) takes a pickle of any protocol or a zip archive,
   * {@code pickle.loads} any pickle. A PROTO start is walked as a nested pickle (its errors are
   * gaps); a zip is read as an archive; anything else that may start a pickle is walked as a guess,
   * whose imports count and whose errors (text, raw data) do not.
   */
  private void inspect(byte[] raw, long at) throws IOException {
    if (raw.length < 2 || !inspectPayloads) {
      return;
    }
    Kind kind = kind(raw);
    if (depth >= MAX_NESTING) {
      if (kind != Kind.OTHER) {
        incomplete(where, at, "nested " + kind.id + " deeper than " + MAX_NESTING + " levels: not scanned");
      }
      return;
    }
    switch (kind) {
      case ZIP -> nestedArchive(raw, at);
      case PICKLE -> nested(new java.io.ByteArrayInputStream(raw), at, false);
      case OTHER -> {
        if (mayStartPickle(raw[0] & 0xFF) && mayImport(raw)) {
          nested(new java.io.ByteArrayInputStream(raw), at, true);
        }
      }
    }
  }

  /**
   * Whether a guessed walk of {@code raw} could import anything: an import needs a GLOBAL or INST
   * letter (or text ints, which {@code bytes()} may turn into one) with two line ends, or a
   * STACK_GLOBAL byte, or arrives escaped in a string
   * ({@code \\}) or in a nested zip ({@code PK}); bytes with none of them are not walked.
   */
  /** {@link #mayImport}, also for a pickle with a PROTO header (whose walk is no guess). */
  static boolean mayImportFrom(byte[] raw) {
    return mayImport(raw);
  }

  private static boolean mayImport(byte[] raw) {
    boolean letter = false;
    int lines = 0;
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b == (byte) 0x93 || b == '\\' || (b == 'P' && i + 1 < raw.length && raw[i + 1] == 'K')) {
        return true;
      }
      // 'I' and 'L': a protocol-0 list of text ints may spell the bytes of a pickle (bytes(list))
      letter |= b == 'c' || b == 'i' || b == 'I' || b == 'L';
      lines += b == '\n' ? 1 : 0;
    }
    return letter && lines >= 2; // GLOBAL and INST take two newline-terminated lines
  }

  /** A zip in a bytes argument: {@code torch.load} reads it as a torch archive; its pickles are scanned. */
  private void nestedArchive(byte[] zip, long at) throws IOException {
    String outer = where;
    depth++;
    try {
      ZipRule.scanNested(zip, this, outer + " > nested zip at offset " + at);
    } finally {
      depth--;
      where = outer;
    }
  }

  static boolean startsLikePickle(byte[] b) {
    return startsLikePickle(b, 0);
  }

  private static boolean startsLikePickle(byte[] b, int from) {
    return b.length >= from + 2 && (b[from] & 0xFF) == 0x80 && b[from + 1] >= 2 && b[from + 1] <= 5;
  }

  /**
   * Walks the pickles of a payload: up to five in a row (a legacy torch.save stream inside
   * {@code _load_from_bytes}); raw bytes may follow them. Only a first pickle that cannot be walked
   * is a gap, and for a guess only when it imported something.
   */
  private void nested(InputStream payload, long at, boolean guess) throws IOException {
    nested(payload, at, guess, where + " > nested pickle at offset " + at);
  }

  private void nested(InputStream payload, long at, boolean guess, String inner) throws IOException {
    String outer = where;
    boolean outerGuess = speculative;
    int importsBefore = found.size();
    int gapsBefore = gaps.size();
    int picklesBefore = pickles;
    boolean deeper = at >= 0;
    if (deeper) {
      depth++;
    }
    try {
      Cursor cursor = new Cursor(payload);
      cursor.overlongLinesFail = guess;
      for (int i = 0; i < 5; i++) {
        where = inner;
        speculative = guess;
        Outcome o = walk(cursor, depth);
        if (!o.clean()) {
          if (i == 0 && (!guess || found.size() > importsBefore)) {
            incomplete(inner, o.end(), o.problem());
          }
          break;
        }
        if (guess && found.size() == importsBefore) {
          break;
        }
      }
    } catch (Latin1.NotLatin1 e) {
      if (!guess) {
        incomplete(inner, -1, "payload is not latin-1 text: " + e.getMessage());
      }
    } finally {
      where = outer;
      speculative = outerGuess;
      if (deeper) {
        depth--;
      }
    }
    if (guess && found.size() == importsBefore) {
      // Not a pickle after all (text, raw data): nothing of the guess is reported.
      while (gaps.size() > gapsBefore) {
        gaps.remove(gaps.size() - 1);
      }
      pickles = picklesBefore;
    }
  }

  /**
   * After a call or NEWOBJ: {@code bytes(list)}, {@code bytearray(tuple)}, {@code bytes(text, enc)}
   * and {@code _codecs.encode(text, enc)} make bytes at load time; they are inspected like a bytes
   * argument (text arguments were inspected already when pushed).
   */
  private void constructed(Object callable, Object args, long at) throws IOException {
    if (!(callable instanceof Glob g) || !BYTES_MAKERS.contains(g.dotted()) || !(args instanceof Tup t) || t.items().isEmpty()) {
      return;
    }
    Object first = t.items().get(0);
    byte[] made = null;
    if (first instanceof Lst list) {
      made = list.bytesOrNull();
    } else if (first instanceof Tup tuple) {
      Lst list = new Lst();
      tuple.items().forEach(list::add);
      made = list.bytesOrNull();
    } else if (first instanceof Str text && t.items().size() > 1 && t.items().get(1) instanceof Str enc
        && !enc.value().toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "").startsWith("latin")) {
      made = text.value().getBytes(StandardCharsets.UTF_8); // latin-1 was inspected with the text
    }
    if (made != null) {
      inspect(made, at);
    }
  }

  /** LIST/APPENDS: moves the items above the mark into {@code list}. */
  private void appendToMark(List<Object> stack, Lst list) throws Malformed {
    int mark = stack.lastIndexOf(Mark.MARK);
    if (mark < 0 && speculative) {
      throw new Malformed("no MARK");
    }
    List<Object> slice = stack.subList(mark + 1, stack.size());
    slice.forEach(list::add);
    slice.clear();
    if (mark >= 0) {
      stack.remove(mark);
    }
  }

  private static boolean isJoblibFileWrapper(Object target) {
    return target instanceof Inst inst && inst.cls() instanceof Glob g
        && (g.dotted().equals("joblib.numpy_pickle.NDArrayWrapper") || g.dotted().equals("joblib.numpy_pickle.ZNDArrayWrapper")
            || g.dotted().equals("joblib.numpy_pickle_compat.NDArrayWrapper") || g.dotted().equals("joblib.numpy_pickle_compat.ZNDArrayWrapper"));
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
    Boolean objects = typestr.startsWith("O") ? Boolean.TRUE : holdsObjects(dict.get("dtype"));
    if (objects == null) {
      // A structured dtype whose BUILD state is not readable: whether joblib unpickles the array
      // (dtype.hasobject) cannot be told, so neither can where the raw bytes end.
      throw new Malformed("NumpyArrayWrapper at offset " + at + " with a structured dtype " + typestr + " whose fields cannot be read");
    }
    if (objects) {
      // joblib's read_array: dtype.hasobject means pickle.load of the stream here, whatever the
      // type string says (a structured dtype with an object field reads like raw bytes).
      if (depth >= MAX_NESTING) {
        throw new Malformed("object arrays nested deeper than " + MAX_NESTING);
      }
      depth++;
      Outcome nested;
      try {
        nested = walk(in, depth);
      } finally {
        depth--;
      }
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

  /**
   * Whether a pickled numpy dtype holds Python objects: its BUILD state
   * {@code (version, endian, subarray, names, fields, itemsize, alignment, flags)} carries the
   * hasobject flag (bit 0 of flags) and the field dtypes; null when a structured ('V') dtype has no
   * readable state.
   */
  private static Boolean holdsObjects(Object dtype) {
    if (!(dtype instanceof Reduced r)) {
      return null;
    }
    String typestr = dtypeString(dtype);
    if (typestr != null && typestr.startsWith("O")) {
      return true;
    }
    if (r.state instanceof Tup t) {
      List<Object> items = t.items();
      if (items.size() >= 8 && items.get(7) instanceof Int flags) {
        return (flags.value() & 1) != 0;
      }
      if (items.size() >= 5 && items.get(4) instanceof Dict fields) {
        for (Object v : fields.values()) {
          if (v instanceof Tup field && !field.items().isEmpty() && Boolean.TRUE.equals(holdsObjects(field.items().get(0)))) {
            return true;
          }
        }
      }
    }
    return typestr != null && typestr.startsWith("V") ? null : false;
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

  private Object pop(List<Object> stack) throws Malformed {
    if (stack.isEmpty()) {
      underflow();
      return Other.VALUE;
    }
    return stack.remove(stack.size() - 1);
  }

  private Object top(List<Object> stack) throws Malformed {
    if (stack.isEmpty()) {
      underflow();
      return Other.VALUE;
    }
    return stack.get(stack.size() - 1);
  }

  /**
   * The unpickler fails on an empty stack. A stream known to be unpickled is walked on regardless
   * (imports further on are still reported); a speculative walk (bytes that may or may not be a
   * pickle) stops, which ends walks of text and raw data within a few bytes.
   */
  private void underflow() throws Malformed {
    if (speculative) {
      throw new Malformed("stack underflow");
    }
  }

  private List<Object> popN(List<Object> stack, int n) throws Malformed {
    List<Object> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(0, pop(stack));
    }
    return items;
  }

  private List<Object> popToMark(List<Object> stack) throws Malformed {
    int mark = stack.lastIndexOf(Mark.MARK);
    if (mark < 0 && speculative) {
      throw new Malformed("no MARK");
    }
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
    private Object[] dense = new Object[8];
    private final int denseBound;

    /** {@code denseBound}: keys below it live in the array (a guess walk keeps it small). */
    Memo(int denseBound) {
      this.denseBound = denseBound;
    }
    private Map<Long, Object> sparse;

    private long filled;

    /** How many indexes hold a value: where MEMOIZE stores next. */
    long filled() {
      return filled;
    }

    /** Stores {@code value} at {@code key}; false when the bound dropped it. */
    boolean put(long key, Object value) {
      if (key >= 0 && key < denseBound) {
        if (key >= dense.length) {
          dense = java.util.Arrays.copyOf(dense, (int) Math.min(denseBound, Math.max(dense.length * 2L, key + 1)));
        }
        filled += dense[(int) key] == null ? 1 : 0;
        dense[(int) key] = value;
        return true;
      }
      if (sparse == null) {
        sparse = new HashMap<>();
      }
      if (sparse.size() < MAX_MEMO || sparse.containsKey(key)) {
        filled += sparse.containsKey(key) ? 0 : 1;
        sparse.put(key, value);
        return true;
      }
      return false;
    }

    boolean contains(long key) {
      if (key >= 0 && key < denseBound) {
        return key < dense.length && dense[(int) key] != null;
      }
      return sparse != null && sparse.containsKey(key);
    }

    Object get(long key) {
      Object value = key >= 0 && key < denseBound ? (key < dense.length ? dense[(int) key] : null) : sparse == null ? null : sparse.get(key);
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
      if (DIGITS.matcher(line.trim()).matches()) {
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
    if (!DIGITS.matcher(digits.trim()).matches()) {
      throw new Malformed("LONG argument is not a number at offset " + at);
    }
    return Other.VALUE;
  }

  /**
   * A STRING argument: quoted text whose escapes ({@code \\x41}, octal, {@code \\n}, ...) Python's
   * {@code codecs.escape_decode} undoes; {@code null} when it is not quoted (the unpickler fails).
   */
  static String quoted(String line) {
    if (line == null || line.length() < 2) {
      return null;
    }
    char q = line.charAt(0);
    if ((q != '\'' && q != '"') || line.charAt(line.length() - 1) != q) {
      return null;
    }
    String body = line.substring(1, line.length() - 1);
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append((char) 7);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append((char) 11);
        case '\n' -> { } // line continuation
        case 'x' -> {
          if (hex(body, i + 1, 2) >= 0) {
            out.append((char) hex(body, i + 1, 2));
            i += 2;
          } else {
            return null; // invalid \\x escape: escape_decode raises
          }
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            int k = 0;
            while (k < 2 && i + 1 < body.length() && body.charAt(i + 1) >= '0' && body.charAt(i + 1) <= '7') {
              v = v * 8 + (body.charAt(++i) - '0');
              k++;
            }
            out.append((char) (v & 0xFF));
          } else if (e == '\\' || e == '\'' || e == '"') {
            out.append(e);
          } else {
            out.append('\\').append(e); // unknown escapes stay as written
          }
        }
      }
    }
    return out.toString();
  }

  private static int hex(String s, int from, int digits) {
    if (from + digits > s.length()) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < digits; k++) {
      int d = Character.digit(s.charAt(from + k), 16);
      if (d < 0) {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  /** A UNICODE argument as raw-unicode-escape decodes it: {@code \\uXXXX} and {@code \\UXXXXXXXX} only. */
  static String rawUnicode(String line) {
    if (line == null || line.indexOf('\\') < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == 'u' || line.charAt(i + 1) == 'U')) {
        int digits = line.charAt(i + 1) == 'u' ? 4 : 8;
        int v = hex(line, i + 2, Math.min(digits, 7));
        if (digits == 8 && v >= 0) {
          int last = hex(line, i + 9, 1);
          v = last < 0 || v > 0x10FFFF >> 4 ? -1 : v * 16 + last;
        }
        if (v >= 0 && v <= 0x10FFFF) {
          out.appendCodePoint(v);
          i += 1 + digits;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A PUT/GET text key as Python's {@code int()} reads it: surrounding blanks, a sign, {@code _} between digits. */
  private static long memoKey(String line, long at) throws Malformed {
    String t = line == null ? "" : line.strip();
    if (MEMO_KEY.matcher(t).matches()) {
      try {
        return Long.parseLong(t.replace("_", ""));
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE; // a key beyond any memo bound: never stored
      }
    }
    throw new Malformed("memo key is not a number at offset " + at);
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

  private record Blob(byte[] bytes) {}

  /** The result of a call; BUILD may give it a state (a numpy dtype's flags and fields). */
  private static final class Reduced {
    private final Object callable;
    private final Object args;
    Object state;

    Reduced(Object callable, Object args) {
      this.callable = callable;
      this.args = args;
    }

    Object callable() {
      return callable;
    }

    Object args() {
      return args;
    }
  }

  /**
   * A list under construction; only a list of small ints is kept, as the bytes
   * {@code bytes(list)} would make of it (bounded).
   */
  private static final class Lst {
    private java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

    void add(Object item) {
      if (bytes != null && item instanceof Int i && i.value() >= 0 && i.value() <= 255 && bytes.size() < MAX_BUILT_BYTES) {
        bytes.write((int) i.value());
      } else {
        bytes = null;
      }
    }

    byte[] bytesOrNull() {
      return bytes == null ? null : bytes.toByteArray();
    }
  }

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

    java.util.Collection<Object> values() {
      return entries.values();
    }
  }

  /** A pickle that cannot be walked further. */
  static final class Malformed extends IOException {
    Malformed(String message) {
      super(message);
    }

    /** Thrown for every guess that is no pickle: no stack trace is recorded (it is never shown). */
    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
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
    /** A guess stops at an overlong line (no import spans one) instead of reading on to a newline. */
    boolean overlongLinesFail;

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
        } else if (overlongLinesFail) {
          throw new Malformed("line longer than " + MAX_LINE + " bytes");
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
