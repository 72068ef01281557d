package org.modelevolution.mining;

import java.util.List;
import java.util.Map;

/**
 * JSON in the layout of {@code pandas.DataFrame.to_json(orient="records", indent=2)}, which the
 * study's {@code selected_*_repos.json} files have: two-space indent, no space after the colon,
 * {@code /} escaped as {@code \/}, non-ASCII as {@code \\uXXXX}, empty arrays and objects over
 * three lines, no final line break. Values are maps (in insertion order), lists, strings,
 * integers, booleans and null.
 */
public final class PandasJson {
  private static final String INDENT = "  ";

  private PandasJson() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, 1);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value, int level) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof List<?> list) {
      container(out, '[', ']', level, list.size(), i -> append(out, list.get(i), level + 1));
    } else if (value instanceof Map<?, ?> map) {
      List<? extends Map.Entry<?, ?>> entries = List.copyOf(map.entrySet());
      container(out, '{', '}', level, entries.size(), i -> {
        string(out, entries.get(i).getKey().toString());
        out.append(':');
        append(out, entries.get(i).getValue(), level + 1);
      });
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static void container(StringBuilder out, char open, char close, int level, int size,
      java.util.function.IntConsumer element) {
    String outer = INDENT.repeat(level - 1);
    out.append(open).append('\n');
    if (size == 0) {
      out.append('\n');
    }
    for (int i = 0; i < size; i++) {
      out.append(INDENT.repeat(level));
      element.accept(i);
      out.append(i + 1 < size ? ",\n" : "\n");
    }
    out.append(outer).append(close);
  }

  /** Python's {@code json.dumps(s, ensure_ascii=True)} with {@code /} escaped. */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append("\\/");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
