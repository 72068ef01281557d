package org.modelevolution.notebook;

import java.util.Map;
import org.rapaio.jupyter.kernel.display.DisplayData;
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
 * <p>Cells show exactly what the column prints ({@code Column.getString}), so a column's formatter
 * decides the rounding; numeric columns are right-aligned. The kernel publishes a returned
 * {@link DisplayData} as the cell's result with both MIME types.
 */
public final class Display {
  private Display() {}

  /** A Tablesaw table, its name (when set) as the caption. */
  public static DisplayData table(Table table) {
    return bundle(html(table), table.printAll());
  }

  /** Labelled values, one row each in the map's order, under an optional caption (null for none). */
  public static DisplayData values(String caption, Map<String, ?> labelled) {
    StringBuilder html = new StringBuilder("<table>");
    StringBuilder text = new StringBuilder();
    if (caption != null && !caption.isEmpty()) {
      html.append("<caption>").append(escape(caption)).append("</caption>");
      text.append(caption).append('\n');
    }
    html.append("<tbody>");
    int width = labelled.keySet().stream().mapToInt(String::length).max().orElse(0);
    labelled.forEach((label, value) -> {
      String shown = String.valueOf(value);
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
    StringBuilder html = new StringBuilder("<table>");
    if (table.name() != null && !table.name().isEmpty()) {
      html.append("<caption>").append(escape(table.name())).append("</caption>");
    }
    html.append("<thead><tr>");
    for (Column<?> column : table.columns()) {
      html.append("<th").append(align(column)).append('>').append(escape(column.name())).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (int row = 0; row < table.rowCount(); row++) {
      html.append("<tr>");
      for (Column<?> column : table.columns()) {
        html.append("<td").append(align(column)).append('>').append(escape(column.getString(row))).append("</td>");
      }
      html.append("</tr>");
    }
    return html.append("</tbody></table>").toString();
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
