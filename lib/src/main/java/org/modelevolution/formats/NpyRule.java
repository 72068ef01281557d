package org.modelevolution.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy {@code .npy}: {@code \x93NUMPY}, version 1-3, a header length and a dict-literal header.
 * An object dtype ({@code |O}, also inside a structured descr) means a pickle follows the header;
 * that pickle is scanned.
 */
final class NpyRule implements FormatRule {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*(.*?)\\s*,\\s*'(fortran_order|shape)'");
  private static final Pattern OBJECT = Pattern.compile("['\"][|<>=]?O\\d*['\"]");
  private static final int MAX_HEADER = 65_536;

  /** A parsed npy preamble: where the data starts and whether it is an object array. */
  record Header(int major, int minor, long dataOffset, String descr, boolean objects) {}

  @Override
  public Match apply(Probe probe, List<Evidence> notes) throws IOException {
    if (!probe.headMatches(0, MAGIC)) {
      return null;
    }
    ByteBuffer preamble = probe.head(12);
    if (preamble.limit() < 12) {
      return null;
    }
    long declared = (preamble.get(6) == 1 ? preamble.getShort(8) & 0xFFFF : Integer.toUnsignedLong(preamble.getInt(8)));
    Header h = header(probe.head((int) Math.min(12 + declared, 12 + MAX_HEADER)), probe, notes);
    if (h == null) {
      return null;
    }
    Evidence magic = new Evidence(0, "magic \\x93NUMPY version " + h.major() + "." + h.minor());
    Evidence descr = new Evidence(8, "header dict, descr " + h.descr());
    if (!h.objects()) {
      return Match.of(FormatId.NUMPY_NPY, magic, descr);
    }
    PickleScanner scanner = new PickleScanner();
    probe.purpose("object-array pickle after the npy header");
    if (probe.options.scanPickles()) {
      try (InputStream in = PickleStreams.region(probe, h.dataOffset(), probe.size)) {
        PickleStreams.scanAll(scanner, in, "object-array pickle");
      }
    } else {
      scanner.incomplete("pickle scan disabled");
    }
    return Match.of(
        FormatId.NUMPY_NPY,
        List.of(magic, descr, new Evidence(h.dataOffset(), "object dtype: pickle after the header")),
        scanner.result());
  }

  /** Parses the preamble at the start of {@code head} (a file or a zip member's first bytes). */
  static Header header(ByteBuffer head, Probe probe, List<Evidence> notes) {
    if (head.limit() < 10) {
      return null;
    }
    int major = head.get(6) & 0xFF;
    int minor = head.get(7) & 0xFF;
    if (major < 1 || major > 3) {
      notes.add(new Evidence(6, "NUMPY magic with unknown version " + major));
      return null;
    }
    long length = major == 1 ? head.getShort(8) & 0xFFFF : Integer.toUnsignedLong(head.getInt(8));
    int start = major == 1 ? 10 : 12;
    if (length > MAX_HEADER || start + length > (probe == null ? Long.MAX_VALUE : probe.size)) {
      notes.add(new Evidence(8, "npy header length " + length + " exceeds the file or the bound"));
      return null;
    }
    int available = (int) Math.min(length, Math.max(0, head.limit() - start));
    byte[] text = new byte[available];
    head.get(start, text);
    String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    if (!dict.startsWith("{")) {
      notes.add(new Evidence(start, "npy header is not a dict literal"));
      return null;
    }
    Matcher m = DESCR.matcher(dict);
    String descr = m.find() ? m.group(1) : "?";
    // numpy reads the header with ast.literal_eval: any key order, either quote, escapes,
    // adjacent string literals, comments. The descr of the parsed literal decides objects.
    Object parsed = PyLiteral.parseOrNull(dict);
    boolean objects;
    if (parsed instanceof java.util.Map<?, ?> map && map.containsKey("descr")) {
      objects = holdsObjects(map.get("descr"));
      descr = PyLiteral.show(map.get("descr"));
    } else {
      objects = OBJECT.matcher(descr).find(); // numpy cannot read the header: it fails before any pickle
    }
    return new Header(major, minor, start + length, descr, objects);
  }

  /** Whether a descr (a type string, a list of fields, a (type, shape) tuple) names an object type anywhere. */
  static boolean holdsObjects(Object descr) {
    if (descr instanceof String t) {
      String type = t.strip();
      while (!type.isEmpty() && "<>=|".indexOf(type.charAt(0)) >= 0) {
        type = type.substring(1);
      }
      return type.matches("O\\d*") || type.startsWith("object") || type.startsWith("O") && type.length() > 1 && !Character.isLetter(type.charAt(1));
    }
    if (descr instanceof List<?> items) {
      for (Object item : items) {
        if (holdsObjects(item)) {
          return true;
        }
      }
    }
    if (descr instanceof java.util.Map<?, ?> map) {
      for (Object v : map.values()) {
        if (holdsObjects(v)) {
          return true;
        }
      }
    }
    return false;
  }
}
