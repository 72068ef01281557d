package org.modelevolution.notebook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rapaio.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The one renderer of what a notebook shows as a table: a Tablesaw {@link Table}, or labelled values
 * ("Cochran sample: 157"). A cell whose last expression is one of these results shows an HTML
 * {@code <table>} with a {@code text/plain} alternative (the same table as Tablesaw prints it), so
 * JupyterLab, Notebook and a text-only front end each get a real table.
 *
 * <pre>{@code
 * Display.table(result.summary())                        // a Tablesaw table
 * Display.values("Sample", Map.of("Cochran sample", 157)) // labelled values, in map order
 * Display.value("Cochran sample", 157)                    // one labelled value
 * Display.stack(Display.values(...), Display.table(...))  // both, as one cell result
 * }</pre>
 *
 * <p>What a reader sees is rounded, the exact values stay in the CSV files: a number with a
 * fraction shows {@value #DECIMALS} decimals, a whole number (a count, even in a double column:
 * {@code 43650.0}) shows as an integer; other cells show what the column prints
 * ({@code Column.getString}). Numeric columns are right-aligned.
 *
 * <p>Every table fits a notebook's output area (about 980 px): a table estimated wider than
 * {@value #OUTPUT_AREA_PX} px is split into column groups, each repeating the first column (the
 * row label), so no cell ever falls off-screen. The kernel publishes a returned
 * {@link DisplayData} as the cell's result with both MIME types.
 */
public final class Display {
  private Display() {}

  /** Decimals shown for a number with a fraction. */
  public static final int DECIMALS = 2;
  /** The width a table may take: a classic Notebook / JupyterLab output area is about 980 px. */
  public static final int OUTPUT_AREA_PX = 940;
  /** Estimated pixels per character of a table cell (12-13 px sans-serif) and per cell of padding. */
  static final double CHAR_PX = 7.5;
  static final int CELL_PADDING_PX = 16;

  /** A Tablesaw table, its name (when set) as the caption; split into column groups if too wide. */
  public static DisplayData table(Table table) {
    String name = table.name() == null ? "" : table.name();
    if (table.rowCount() == 0) {
      // No empty grid: the caption, as a sentence, says there is nothing (and usually why).
      String sentence = name.isEmpty() ? "(no rows)" : name.startsWith("no ") ? name : name + ": none";
      return bundle("<p>" + inlineCode(escape(sentence)) + "</p>", sentence);
    }
    List<String> notes = new ArrayList<>();
    Table shown = withNotes(table, notes);
    List<List<Integer>> groups = columnGroups(shown);
    StringBuilder html = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (int g = 0; g < groups.size(); g++) {
      String caption = name;
      if (groups.size() > 1) {
        caption = (caption.isEmpty() ? "" : caption + " ") + "(part " + (g + 1) + " of " + groups.size() + ")";
      }
      html.append(html(shown, groups.get(g), caption));
      text.append(text.length() == 0 ? "" : "\n\n").append(text(shown, groups.get(g), caption));
    }
    for (int n = 0; n < notes.size(); n++) {
      html.append(n == 0 ? "<p>" : "<br>").append("note ").append(n + 1).append(": ")
          .append(inlineCode(escape(notes.get(n))));
      text.append(n == 0 ? "\n\n" : "\n").append("note ").append(n + 1).append(": ").append(notes.get(n));
    }
    if (!notes.isEmpty()) {
      html.append("</p>");
    }
    return bundle(html.toString(), text.toString());
  }

  /** A text cell this long, on two rows or more, is said once, as a note under the table. */
  static final int NOTE_MIN_CHARS = 60;

  /**
   * The table with every long text that repeats ({@link #NOTE_MIN_CHARS} characters or more, on two
   * rows or more) replaced by "see note N"; the texts go to {@code notes}, in order of first use.
   */
  private static Table withNotes(Table table, List<String> notes) {
    Table copy = null;
    for (int c = 0; c < table.columnCount(); c++) {
      if (!(table.column(c) instanceof tech.tablesaw.api.StringColumn column)) {
        continue;
      }
      Map<String, Integer> uses = new java.util.HashMap<>();
      for (int row = 0; row < column.size(); row++) {
        String value = column.get(row);
        if (value != null && value.length() >= NOTE_MIN_CHARS) {
          uses.merge(value, 1, Integer::sum);
        }
      }
      for (int row = 0; row < column.size(); row++) {
        String value = column.get(row);
        if (value != null && uses.getOrDefault(value, 0) > 1) {
          if (copy == null) {
            copy = table.copy();
          }
          int index = notes.indexOf(value);
          if (index < 0) {
            notes.add(value);
            index = notes.size() - 1;
          }
          ((tech.tablesaw.api.StringColumn) copy.column(c)).set(row, "see note " + (index + 1));
        }
      }
    }
    return copy == null ? table : copy;
  }

  /** {@code `code`} in already escaped HTML as {@code <code>code</code>}. */
  static String inlineCode(String escapedHtml) {
    return escapedHtml.replaceAll("`([^`]+)`", "<code>$1</code>");
  }

  /** A cell as shown: numbers rounded to {@link #DECIMALS}, whole numbers as integers. */
  public static String shown(Object value) {
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return "";
      }
      BigDecimal rounded = BigDecimal.valueOf(d).setScale(DECIMALS, RoundingMode.HALF_EVEN);
      return rounded.stripTrailingZeros().scale() <= 0
          ? rounded.toBigInteger().toString()
          : rounded.toPlainString();
    }
    return String.valueOf(value);
  }

  /**
   * A table cell as shown: what the column prints, rounded when that is a bare decimal number
   * ({@code 98.72611464968153}, {@code 43650.0}); a column's own format ({@code 12.3%}) is kept.
   */
  private static String cell(Column<?> column, int row) {
    String printed = column.getString(row);
    if (column instanceof NumberColumn<?, ?> && BARE_DECIMAL.matcher(printed).matches()) {
      return shown(Double.parseDouble(printed));
    }
    java.util.regex.Matcher wholeDays = WHOLE_DAYS.matcher(printed);
    if (wholeDays.matches()) {
      return wholeDays.group(1) + (wholeDays.group(1).equals("1") ? " day" : " days");
    }
    return printed;
  }

  /** A duration as pandas prints a whole number of days ({@code 138 days 00:00:00}). */
  private static final java.util.regex.Pattern WHOLE_DAYS = java.util.regex.Pattern.compile("(\\d+) days? 00:00:00");
  private static final java.util.regex.Pattern BARE_DECIMAL = java.util.regex.Pattern.compile("-?\\d+\\.\\d+");

  /** Column indices per group, each group estimated to fit {@link #OUTPUT_AREA_PX}, the first column in each. */
  static List<List<Integer>> columnGroups(Table table) {
    int columns = table.columnCount();
    int[] widths = new int[columns];
    for (int c = 0; c < columns; c++) {
      Column<?> column = table.column(c);
      int chars = column.name().length();
      for (int row = 0; row < table.rowCount(); row++) {
        chars = Math.max(chars, cell(column, row).length());
      }
      widths[c] = (int) Math.ceil(chars * CHAR_PX) + CELL_PADDING_PX;
    }
    List<List<Integer>> groups = new ArrayList<>();
    List<Integer> current = new ArrayList<>(List.of(0));
    int used = widths.length == 0 ? 0 : widths[0];
    for (int c = 1; c < columns; c++) {
      if (used + widths[c] > OUTPUT_AREA_PX && current.size() > 1) {
        groups.add(current);
        current = new ArrayList<>(List.of(0));
        used = widths[0];
      }
      current.add(c);
      used += widths[c];
    }
    groups.add(current);
    return groups;
  }

  /** Labelled values, one row each in the map's order, under an optional caption (null for none). */
  public static DisplayData values(String caption, Map<String, ?> labelled) {
    StringBuilder html = new StringBuilder("<table>");
    StringBuilder text = new StringBuilder();
    if (caption != null && !caption.isEmpty()) {
      html.append("<caption>").append(inlineCode(escape(caption))).append("</caption>");
      text.append(caption).append('\n');
    }
    html.append("<tbody>");
    int width = labelled.keySet().stream().mapToInt(String::length).max().orElse(0);
    labelled.forEach((label, value) -> {
      String shown = shown(value);
      html.append("<tr><th style=\"text-align:left\">").append(escape(label)).append("</th><td")
          .append(value instanceof Number ? " style=\"text-align:right\"" : "").append('>')
          .append(escape(shown)).append("</td></tr>");
      text.append(label).append(':').append(" ".repeat(width - label.length() + 1)).append(shown).append('\n');
    });
    html.append("</tbody></table>");
    return bundle(html.toString(), text.toString().stripTrailing());
  }

  /** One labelled value: "label: value". */
  public static DisplayData value(String label, Object value) {
    return values(null, Map.of(label, value));
  }

  /**
   * Several displays as one cell result, in order (a cell shows only its last expression): the
   * HTML parts one after the other, the text parts separated by a blank line.
   */
  public static DisplayData stack(DisplayData... parts) {
    StringBuilder html = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (DisplayData part : parts) {
      html.append(part.data().get("text/html"));
      text.append(text.length() == 0 ? "" : "\n\n").append(part.data().get("text/plain"));
    }
    return bundle(html.toString(), text.toString());
  }

  static String html(Table table) {
    List<Integer> all = new ArrayList<>();
    for (int c = 0; c < table.columnCount(); c++) {
      all.add(c);
    }
    return html(table, all, table.name() == null ? "" : table.name());
  }

  private static String html(Table table, List<Integer> columns, String caption) {
    StringBuilder html = new StringBuilder("<table>");
    if (!caption.isEmpty()) {
      html.append("<caption>").append(inlineCode(escape(caption))).append("</caption>");
    }
    html.append("<thead><tr>");
    for (int c : columns) {
      Column<?> column = table.column(c);
      html.append("<th").append(align(column)).append('>').append(escape(column.name())).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (int row = 0; row < table.rowCount(); row++) {
      html.append("<tr>");
      for (int c : columns) {
        Column<?> column = table.column(c);
        html.append("<td").append(align(column)).append('>').append(escape(cell(column, row))).append("</td>");
      }
      html.append("</tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  /** The same cells as text: the caption, then columns padded to their widest cell. */
  private static String text(Table table, List<Integer> columns, String caption) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Column<?> column = table.column(columns.get(i));
      widths[i] = column.name().length();
      for (int row = 0; row < table.rowCount(); row++) {
        widths[i] = Math.max(widths[i], cell(column, row).length());
      }
    }
    StringBuilder text = new StringBuilder();
    if (!caption.isEmpty()) {
      text.append(caption).append('\n');
    }
    for (int row = -1; row < table.rowCount(); row++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        Column<?> column = table.column(columns.get(i));
        String value = row < 0 ? column.name() : cell(column, row);
        String pad = " ".repeat(widths[i] - value.length());
        line.append(i == 0 ? "" : " | ").append(column instanceof NumericColumn<?> ? pad + value : value + pad);
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString().stripTrailing();
  }

  private static String align(Column<?> column) {
    return column instanceof NumericColumn<?> ? " style=\"text-align:right\"" : " style=\"text-align:left\"";
  }

  private static DisplayData bundle(String html, String text) {
    DisplayData data = DisplayData.fromHtml(html);
    data.putText(text);
    return data;
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
