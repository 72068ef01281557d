package org.modelevolution.stackexchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the HTML-encoded text of the Stack Exchange API into plain text. Titles, excerpts, bodies
 * and display names arrive with entities ({@code &quot;}, {@code &#39;}, {@code &#x2019;}, ...);
 * bodies and excerpts are HTML as well.
 *
 * <p>Entity decoding follows HTML 4.01: the 252 named references plus {@code &apos;}, decimal
 * {@code &#NNN;} and hexadecimal {@code &#xHH;} references. A reference must end with a semicolon;
 * unknown names and malformed references are left as they are, and numeric references to code
 * points that cannot be characters (surrogates, beyond U+10FFFF, NUL) become U+FFFD, as browsers do.
 */
public final class HtmlText {
  private static final Map<String, Integer> NAMED = loadNamed();
  private static final int LONGEST_NAME = NAMED.keySet().stream().mapToInt(String::length).max().orElse(8);
  private static final Pattern BLOCK_END = Pattern.compile("(?i)<br\\s*/?>|</p>|</pre>|</li>|</h[1-6]>|</blockquote>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private HtmlText() {}

  /** Decodes every character reference in {@code text}; tags are left alone. */
  public static String decodeEntities(String text) {
    int amp = text.indexOf('&');
    if (amp < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (amp >= 0) {
      int semicolon = text.indexOf(';', amp + 1);
      int codePoint = semicolon < 0 ? -1 : reference(text, amp + 1, semicolon);
      if (codePoint >= 0) {
        out.append(text, copied, amp).appendCodePoint(codePoint);
        copied = semicolon + 1;
      }
      amp = text.indexOf('&', codePoint >= 0 ? copied : amp + 1);
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * Plain text of an HTML fragment: tags removed (line breaks kept at block ends), then entities
   * decoded. Decoding comes last so that an encoded {@code &lt;tag&gt;} in code stays text.
   */
  public static String toPlainText(String html) {
    String withBreaks = BLOCK_END.matcher(html).replaceAll("$0\n");
    return decodeEntities(TAG.matcher(withBreaks).replaceAll("")).strip();
  }

  /** The code point of the reference between {@code &} and {@code ;}, or -1 when not one. */
  private static int reference(String text, int start, int end) {
    if (end == start || end - start > (text.charAt(start) == '#' ? 32 : LONGEST_NAME)) {
      return -1;
    }
    if (text.charAt(start) != '#') {
      Integer named = NAMED.get(text.substring(start, end));
      return named == null ? -1 : named;
    }
    boolean hex = end > start + 1 && (text.charAt(start + 1) == 'x' || text.charAt(start + 1) == 'X');
    String digits = text.substring(start + (hex ? 2 : 1), end);
    if (digits.isEmpty() || !digits.chars().allMatch(c -> hex ? Character.digit(c, 16) >= 0 : c >= '0' && c <= '9')) {
      return -1;
    }
    long value;
    try {
      value = Long.parseLong(digits, hex ? 16 : 10);
    } catch (NumberFormatException tooLong) {
      return 0xFFFD;
    }
    boolean invalid = value == 0 || value > Character.MAX_CODE_POINT
        || value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE;
    return invalid ? 0xFFFD : (int) value;
  }

  private static Map<String, Integer> loadNamed() {
    Map<String, Integer> named = new HashMap<>();
    try (InputStream in = HtmlText.class.getResourceAsStream("html4-entities.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split(" ");
          named.put(parts[0], Integer.parseInt(parts[1]));
        }
      }
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException("cannot load the HTML entity table", e instanceof IOException io ? io : new IOException(e));
    }
    return Map.copyOf(named);
  }
}
