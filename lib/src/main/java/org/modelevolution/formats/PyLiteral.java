package org.modelevolution.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Python literals numpy's {@code .npy} header holds, as {@code ast.literal_eval}
 * reads them: dicts, lists, tuples (values in a {@link List}), strings with either quote, prefixes
 * and escapes (adjacent literals joined), ints, {@code True}/{@code False}/{@code None}, comments
 * and line breaks. Anything else makes the whole parse fail (numpy fails too).
 */
final class PyLiteral {
  private static final int MAX_DEPTH = 32;
  private final String s;
  private int i;

  private PyLiteral(String s) {
    this.s = s;
  }

  /** The literal, or null when the text is not one literal. */
  static Object parseOrNull(String text) {
    PyLiteral p = new PyLiteral(text);
    try {
      Object v = p.value(0);
      p.blank();
      return p.i == p.s.length() ? v : null;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  static String show(Object v) {
    if (v instanceof String t) {
      return "'" + t + "'";
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(show(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }

  private void blank() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n')) {
        i += c == '\\' ? 2 : 1;
      } else {
        return;
      }
    }
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    blank();
    char c = s.charAt(i);
    switch (c) {
      case '{' -> {
        i++;
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
          blank();
          if (s.charAt(i) == '}') {
            i++;
            return map;
          }
          Object key = value(depth + 1);
          blank();
          expect(':');
          Object v = value(depth + 1);
          map.put(key, v);
          blank();
          if (s.charAt(i) == ',') {
            i++;
          } else {
            blank();
            expect('}');
            return map;
          }
        }
      }
      case '[', '(' -> {
        char close = c == '[' ? ']' : ')';
        i++;
        List<Object> items = new ArrayList<>();
        boolean comma = false;
        while (true) {
          blank();
          if (s.charAt(i) == close) {
            i++;
            // (x) is x itself; (x,) a tuple
            return c == '(' && items.size() == 1 && !comma ? items.get(0) : items;
          }
          items.add(value(depth + 1));
          blank();
          comma = false;
          if (s.charAt(i) == ',') {
            i++;
            comma = true;
          } else {
            expect(close);
            return c == '(' && items.size() == 1 ? items.get(0) : items;
          }
        }
      }
      default -> {
        if (c == '-' || c == '+' || Character.isDigit(c)) {
          int start = i++;
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
            i++;
          }
          return s.substring(start, i);
        }
        if (startsString()) {
          StringBuilder joined = new StringBuilder();
          do {
            joined.append(string());
            blank();
          } while (i < s.length() && startsString());
          return joined.toString();
        }
        for (String word : new String[] {"True", "False", "None"}) {
          if (s.startsWith(word, i)) {
            i += word.length();
            return word;
          }
        }
        throw new IllegalArgumentException("not a literal at " + i);
      }
    }
  }

  private void expect(char c) {
    if (s.charAt(i) != c) {
      throw new IllegalArgumentException("expected " + c);
    }
    i++;
  }

  private boolean startsString() {
    int j = i;
    while (j < s.length() && j < i + 2 && "rRuUbB".indexOf(s.charAt(j)) >= 0) {
      j++;
    }
    return j < s.length() && (s.charAt(j) == '\'' || s.charAt(j) == '"');
  }

  private String string() {
    boolean raw = false;
    while ("rRuUbB".indexOf(s.charAt(i)) >= 0) {
      raw |= s.charAt(i) == 'r' || s.charAt(i) == 'R';
      i++;
    }
    char q = s.charAt(i);
    boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
    i += triple ? 3 : 1;
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = s.charAt(i);
      if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), i))) {
        i += triple ? 3 : 1;
        return out.toString();
      }
      if (c == '\n' && !triple) {
        throw new IllegalArgumentException("line break in a string");
      }
      if (c == '\\' && !raw) {
        char e = s.charAt(i + 1);
        i += 2;
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '0', '1', '2', '3', '4', '5', '6', '7' -> {
            int v = e - '0';
            for (int k = 0; k < 2 && s.charAt(i) >= '0' && s.charAt(i) <= '7'; k++) {
              v = v * 8 + (s.charAt(i++) - '0');
            }
            out.append((char) v);
          }
          case 'x' -> {
            out.append((char) Integer.parseInt(s.substring(i, i + 2), 16));
            i += 2;
          }
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          case 'U' -> {
            out.appendCodePoint(Integer.parseInt(s.substring(i, i + 8), 16));
            i += 8;
          }
          case '\n' -> { }
          default -> out.append(e == '\\' || e == '\'' || e == '"' ? String.valueOf(e) : "\\" + e);
        }
        continue;
      }
      out.append(c);
      i++;
    }
  }
}
