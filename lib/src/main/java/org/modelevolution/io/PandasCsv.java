package org.modelevolution.io;

import java.util.List;

/**
 * CSV lines exactly as the study's {@code pandas.DataFrame.to_csv(index=False)} wrote them:
 * comma-separated, a field quoted only when it holds a comma, a quote or a line break (Python
 * {@code csv.QUOTE_MINIMAL}), quotes doubled, {@code \n} line ends; empty fields mean missing values.
 * The one CSV writer of the project: the mining steps write the study's intermediate files with it
 * and the analysis steps their result tables.
 */
public final class PandasCsv {
  private PandasCsv() {}

  /** One CSV record, terminated by {@code \n}. */
  public static String line(List<String> fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      appendField(out, fields.get(i));
    }
    return out.append('\n').toString();
  }

  public static String line(String... fields) {
    return line(List.of(fields));
  }

  /** One field as {@link #line} writes it: quoted only when needed; null reads as empty. */
  public static String field(String value) {
    StringBuilder out = new StringBuilder();
    appendField(out, value);
    return out.toString();
  }

  private static void appendField(StringBuilder out, String value) {
    if (value == null) {
      return;
    }
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      // Python's csv with lineterminator "\n" quotes for the delimiter, the quote and \n only:
      // a lone \r is written as is.
      quote = c == ',' || c == '"' || c == '\n';
    }
    if (!quote) {
      out.append(value);
      return;
    }
    out.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
