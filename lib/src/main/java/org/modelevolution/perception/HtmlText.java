package org.modelevolution.perception;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML-escaped text of Stack Exchange API bodies ({@code I&#39;m}) back into plain text.
 * Tags, if any, are replaced by spaces so that words on both sides stay apart.
 *
 * <p>Entities follow HTML 4.01: the 252 named character references plus {@code &apos;}, decimal
 * {@code &#NNN;} and hexadecimal {@code &#xHH;} references, each ending with a semicolon. Unknown
 * names and references to code points that cannot be characters stay as they are.
 */
public final class HtmlText {
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,7});");
  private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
  private static final Map<String, String> NAMED = loadNamed("html4-entities.txt");

  private HtmlText() {}

  public static String toPlainText(String html) {
    String withoutTags = TAG.matcher(html).replaceAll(" ");
    return unescape(withoutTags);
  }

  /** Decodes numeric character references and the HTML 4 named entities; unknown entities stay as they are. */
  public static String unescape(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name.startsWith("#x") || name.startsWith("#X")) {
        replacement = codePoint(Integer.parseInt(name.substring(2), 16), m.group());
      } else if (name.startsWith("#")) {
        replacement = codePoint(Integer.parseInt(name.substring(1)), m.group());
      } else {
        replacement = NAMED.getOrDefault(name, m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(int cp, String original) {
    boolean character = Character.isValidCodePoint(cp) && cp != 0
        && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    return character ? new String(Character.toChars(cp)) : original;
  }

  /** The named entity table, {@code name code-point} per line (generated from the HTML 4.01 list). */
  private static Map<String, String> loadNamed(String resource) {
    Map<String, String> named = new HashMap<>();
    InputStream in = HtmlText.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split(" ");
          named.put(parts[0], Character.toString(Integer.parseInt(parts[1])));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return Map.copyOf(named);
  }
}
