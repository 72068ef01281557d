package org.modelevolution.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

class DisplayTest {

  private static String html(DisplayData data) {
    return (String) data.data().get("text/html");
  }

  private static String text(DisplayData data) {
    return (String) data.data().get("text/plain");
  }

  private static Table formats() {
    DoubleColumn share = DoubleColumn.create("share", 0.123456, 0.5);
    share.setPrintFormatter(NumberColumnFormatter.percent(1));
    return Table.create("Formats <by> repo",
        StringColumn.create("format", "safetensors", "pickle & co"),
        IntColumn.create("repos", 157, 12),
        share);
  }

  @Test
  void aTableIsAnHtmlTableWithTheTextTableAsAlternative() {
    DisplayData data = Display.table(formats());

    assertThat(data.data()).containsOnlyKeys("text/html", "text/plain");
    assertThat(html(data))
        .startsWith("<table><caption>Formats &lt;by&gt; repo</caption><thead><tr>")
        .contains("<th style=\"text-align:left\">format</th>", "<th style=\"text-align:right\">repos</th>")
        .contains("<tr><td style=\"text-align:left\">pickle &amp; co</td><td style=\"text-align:right\">12</td>"
            + "<td style=\"text-align:right\">50.0%</td></tr>")
        .endsWith("</tbody></table>")
        .doesNotContain("\n");
    assertThat(html(data).split("<tr>", -1)).hasSize(1 + 1 + 2); // header row and two data rows
    assertThat(text(data)).isEqualTo("Formats <by> repo\n"
        + "format      | repos | share\n"
        + "safetensors |   157 | 12.3%\n"
        + "pickle & co |    12 | 50.0%");
  }

  @Test
  void cellsShowWhatTheColumnFormatterPrints() {
    assertThat(html(Display.table(formats()))).contains(">12.3%<").doesNotContain("0.123456");
  }

  @Test
  void labelledValuesKeepTheirOrderAndTheirLabels() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("Cochran sample", 157);
    values.put("population", "GitHub PRs");
    DisplayData data = Display.values("Sample size", values);

    assertThat(html(data)).isEqualTo("<table><caption>Sample size</caption><tbody>"
        + "<tr><th style=\"text-align:left\">Cochran sample</th><td style=\"text-align:right\">157</td></tr>"
        + "<tr><th style=\"text-align:left\">population</th><td>GitHub PRs</td></tr>"
        + "</tbody></table>");
    assertThat(text(data)).isEqualTo("Sample size\nCochran sample: 157\npopulation:     GitHub PRs");
  }

  @Test
  void oneLabelledValue() {
    DisplayData data = Display.value("Cochran sample", 157);
    assertThat(text(data)).isEqualTo("Cochran sample: 157");
    assertThat(html(data)).contains("<th style=\"text-align:left\">Cochran sample</th>").doesNotContain("<caption>");
  }

  @Test
  void anEmptyTableIsASentenceNotAnEmptyGrid() {
    Table empty = Table.create("no cached run in manifests: mine with the `mine-*` commands", StringColumn.create("step"));
    assertThat(html(Display.table(empty)))
        .isEqualTo("<p>no cached run in manifests: mine with the <code>mine-*</code> commands</p>");
    assertThat(text(Display.table(Table.create("files read", StringColumn.create("file"))))).isEqualTo("files read: none");
  }

  @Test
  void aLongTextRepeatedOnRowsIsSaidOnceAsANote() {
    String reason = "the study's code reads the older bot-PR table here, not the one its paper describes";
    Table table = Table.create("checks", StringColumn.create("check", "a", "b", "c"),
        StringColumn.create("why", reason, reason, "short"));
    String html = html(Display.table(table));
    assertThat(html.split(java.util.regex.Pattern.quote(reason), -1)).hasSize(2);
    assertThat(html).contains(">see note 1<", "note 1: the study&#39;s".replace("&#39;", "'"), ">short<");
    assertThat(text(Display.table(table))).endsWith("note 1: " + reason);
  }

  @Test
  void wholeDaysDropThePandasClock() {
    Table table = Table.create("t", StringColumn.create("median", "138 days 00:00:00", "0 days 05:03:00", "1 days 00:00:00"));
    assertThat(html(Display.table(table))).contains(">138 days<", ">0 days 05:03:00<", ">1 day<");
  }

  @Test
  void stackedDisplaysKeepTheirOrderInBothTypes() {
    DisplayData data = Display.stack(Display.value("a", 1), Display.table(formats()));
    assertThat(html(data)).startsWith(html(Display.value("a", 1))).endsWith(html(Display.table(formats())));
    assertThat(text(data)).isEqualTo("a: 1\n\n" + text(Display.table(formats())));
  }

  @Test
  void numbersAreRoundedForDisplayAndCountsAreIntegers() {
    Table table = Table.create("t", StringColumn.create("what", "share", "days"),
        DoubleColumn.create("value", 98.72611464968153, 43650.0));
    assertThat(html(Display.table(table))).contains(">98.73<", ">43650<").doesNotContain("98.726", "43650.0");
    assertThat(text(Display.value("share", 33.33333333333333))).isEqualTo("share: 33.33");
    assertThat(text(Display.value("repos", 1703.0))).isEqualTo("share: 1703".replace("share", "repos"));
  }

  @Test
  void aTableWiderThanTheOutputAreaIsSplitIntoPartsThatEachFitAndRepeatTheRowLabel() {
    Table wide = Table.create("confusion");
    wide.addColumns(StringColumn.create("expected", "safetensors", "pickle"));
    for (int c = 0; c < 22; c++) {
      wide.addColumns(IntColumn.create("detected format " + c, c, 100 + c));
    }
    String html = html(Display.table(wide));
    List<List<Integer>> groups = Display.columnGroups(wide);
    assertThat(groups).hasSizeGreaterThan(1);
    assertThat(groups).allSatisfy(group -> assertThat(group.get(0)).isZero());
    assertThat(groups.stream().flatMap(List::stream).distinct().count()).isEqualTo(23);
    for (List<Integer> group : groups) {
      int width = group.stream().mapToInt(c -> (int) Math.ceil(
          Math.max(wide.column(c).name().length(), 11) * Display.CHAR_PX) + Display.CELL_PADDING_PX).sum();
      assertThat(width).isLessThanOrEqualTo(Display.OUTPUT_AREA_PX);
    }
    assertThat(html.split("<table>", -1)).hasSize(groups.size() + 1);
    assertThat(html).contains("confusion (part 1 of " + groups.size() + ")");
    for (int c = 0; c < 22; c++) {
      assertThat(html).contains(">" + (100 + c) + "<"); // every count is shown
    }
  }
}
