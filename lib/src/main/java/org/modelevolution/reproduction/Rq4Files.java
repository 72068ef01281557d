package org.modelevolution.reproduction;

import org.modelevolution.analysis.CsvTable;
import org.modelevolution.analysis.PythonFormat;
import org.modelevolution.analysis.Rq4;
import org.modelevolution.analysis.Rq4Result;
import org.modelevolution.charts.FrequencyBarChart;
import org.modelevolution.perception.CodingSheet;
import org.modelevolution.perception.HtmlText;

/** Writes RQ4's tables, the coding sheet and the code-frequency figure. */
final class Rq4Files {
  private Rq4Files() {}

  static void write(Rq4Result rq4, Outputs out) {
    if (!rq4.available()) {
      return;
    }
    out.text("rq4_perception_stats.csv", rq4.stats().toCsv());
    out.text("rq4_posts_per_source.csv", rq4.postsPerSource().toCsv());
    rq4.rankings().forEach((field, ranking) -> {
      CsvTable table = new CsvTable("rank", "relevance", "sampled", "key", "item_type", "url", "title");
      ranking.forEach(r -> table.add(r.rank(), PythonFormat.repr(r.relevance()), r.sampled() ? 1 : 0, r.key(),
          r.post().itemType(), r.post().url(), HtmlText.toPlainText(r.post().title())));
      out.text(field == Rq4.TextField.TITLE_AND_BODY ? "rq4_so_ranking.csv" : "rq4_so_ranking_json_content.csv",
          table.toCsv());
    });
    out.recorded(CodingSheet.export(rq4.codingSheet(), out.dir().resolve("rq4_coding_sheet.csv")));
    rq4.codes().ifPresent(t -> out.text("rq4_code_frequencies.csv", t.toCsv()));
    rq4.categories().ifPresent(t -> out.text("rq4_category_frequencies.csv", t.toCsv()));
    rq4.codeFrequencies().ifPresent(frequencies -> out.extraFigure("posts per code (the study published no RQ4 figure)",
        FrequencyBarChart.save("Stack Overflow posts per code (2024 Stack Overflow-only coding, coded posts)", "code",
            "posts", frequencies, out.dir(), "RQ4CodeFrequencies"), "published rows (the coding database)"));
  }
}
