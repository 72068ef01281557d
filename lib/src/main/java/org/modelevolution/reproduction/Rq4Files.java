package org.modelevolution.reproduction;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.modelevolution.analysis.CsvTable;
import org.modelevolution.analysis.PythonFormat;
import org.modelevolution.analysis.Rq4;
import org.modelevolution.analysis.Rq4Result;
import org.modelevolution.charts.CodeFrequencyChart;
import org.modelevolution.perception.CodingSheet;
import org.modelevolution.perception.HtmlText;

/** Writes RQ4's tables, the coding sheet and the code-frequency figure. */
final class Rq4Files {
  private Rq4Files() {}

  /** Posts per code over the true positives (the coding also counts false-positive posts; those are left out). */
  private static void codeFrequencies(Rq4Result rq4, Map<String, Long> truePositives, Outputs out) {
    List<CodeFrequencyChart.Item> items = truePositives.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new CodeFrequencyChart.Item(e.getKey(), e.getValue())).toList();
    long allCoded = rq4.codeFrequencies().map(m -> m.values().stream().mapToLong(Long::longValue).sum()).orElse(0L);
    long drawn = items.stream().mapToLong(CodeFrequencyChart.Item::count).sum();
    String basis = "published rows (the coding database)";
    out.extraFigure("posts per code (the study published no RQ4 figure)", CodeFrequencyChart.draw(
        new CodeFrequencyChart.Input("Posts per Code, True Positives of the Early Stack Overflow-Only Coding",
            "posts (true positives)", items, basis, List.of(String.format(Locale.ROOT,
                "No study figure. Code assignments: %,d over true-positive posts drawn, %,d over every coded post"
                    + " (false positives included, not drawn).", drawn, allCoded))))
        .save(out.dir(), "RQ4CodeFrequencies"), basis);
  }

  static void write(Rq4Result rq4, Outputs out) {
    if (!rq4.available()) {
      return;
    }
    out.text("rq4_perception_stats.csv", rq4.stats().toCsv());
    out.text("rq4_posts_per_source.csv", rq4.postsPerSource().toCsv());
    // the study's ranking is rq4_so_ranking.csv; the variant is named by its text; id is the study's
    // (df.index + 1: the 1-based position in SO_query_data.csv)
    // facts only (committed; the key holds the question id, so the post is one URL away): no title
    rq4.rankings().forEach((field, ranking) -> {
      CsvTable table = new CsvTable("rank", "relevance", "sampled", "key", "id", "item_type");
      ranking.forEach(r -> table.add(r.rank(), PythonFormat.repr(r.relevance()), r.sampled() ? 1 : 0, r.key(),
          r.row() + 1, r.itemType()));
      out.text(field == Rq4.PRIMARY ? "rq4_so_ranking.csv" : "rq4_so_ranking_title_and_body.csv", table.toCsv());
    });
    // the coding sheet's facts (committed), and the sheet with the posts' text (not committed) when it is at hand
    CsvTable coded = new CsvTable("rank", "relevance", "sampled", "key", "post_id", "source", "item_type",
        "is_true_positive", "concepts");
    rq4.codingSheet().forEach(r -> coded.add(r.rank(), r.relevance(), r.sampled() ? 1 : 0, r.key(),
        r.postId() == null ? "" : r.postId(), r.source(), r.itemType(),
        r.isTruePositive() == null ? "" : r.isTruePositive() ? 1 : 0, String.join(";", r.concepts())));
    out.text("rq4_coding_codes.csv", coded.toCsv());
    if (!rq4.postRows().isEmpty()) {
      out.recorded(CodingSheet.export(rq4.codingSheet(), out.dir().resolve("rq4_coding_sheet.csv")));
    }
    rq4.codes().ifPresent(t -> out.text("rq4_code_frequencies.csv", t.toCsv()));
    rq4.categories().ifPresent(t -> out.text("rq4_category_frequencies.csv", t.toCsv()));
    rq4.truePositiveCodeFrequencies().ifPresent(truePositives -> codeFrequencies(rq4, truePositives, out));
  }
}
