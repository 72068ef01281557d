package org.modelevolution.perception;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML-escaped text of Stack Exchange API bodies ({@code I&#39;m}) back into plain text.
 * Tags, if any, are replaced by spaces so that words on both sides stay apart.
 */
public final class HtmlText {
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
  private static final Map<String, String> NAMED = Map.of(
      "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0", "hellip", "\u2026",
      "ndash", "\u2013", "mdash", "\u2014");

  private HtmlText() {}

  public static String toPlainText(String html) {
    String withoutTags = TAG.matcher(html).replaceAll(" ");
    return unescape(withoutTags);
  }

  /** Decodes numeric character references and the common named entities; unknown entities stay as they are. */
  public static String unescape(String text) {
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
    return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : original;
  }
}
