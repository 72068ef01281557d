package org.modelevolution.reproduction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelevolution.analysis.CsvTable;
import org.modelevolution.analysis.PythonFormat;
import org.modelevolution.analysis.Rq3Result;
import org.modelevolution.analysis.StatusDistribution;
import org.modelevolution.charts.BoxPlotChart;
import org.modelevolution.charts.StackedPercentBarChart;
import org.modelevolution.study.BotPrOutcome;
import org.modelevolution.study.DiscussionActivity;
import org.modelevolution.study.StudyData;

/** Writes RQ3's tables and figures. */
final class Rq3Files {
  private static final String HF = "RQ3StatusDistribution-Hugging Face Staff.pdf";
  private static final String NON_HF = "RQ3StatusDistribution-Non-Hugging Face Staff.pdf";
  private static final String ALL = "RQ3StatusDistribution.pdf";

  private Rq3Files() {}

  static void write(Rq3Result rq3, StudyData data, Outputs out) {
    rq3.stats().ifPresent(s -> out.text("rq3_dataset_stats.csv", s.toCsv()));
    rq3.nov2024Stats().ifPresent(s -> out.text("rq4_dataset_stats_nov2024_order.csv", s.toCsv()));
    if (!rq3.malformed().isEmpty()) {
      CsvTable malformed = new CsvTable("page");
      rq3.malformed().forEach(malformed::add);
      out.text("rq3_malformed_pages.csv", malformed.toCsv());
    }
    statusFigures(rq3, data, out);
    timeToFirstResponse(rq3, data, out);
    relevant(rq3, out);
    rq3.prSet2024().ifPresent(distribution -> {
      CsvTable table = new CsvTable("pr_set", "row", "prs_with_status", "status", "prs", "percent");
      for (String row : distribution.rows()) {
        for (String l : distribution.labels()) {
          table.add("2024 PR set (sfconvertbot_merge_status.csv)", row, distribution.total(row), l,
              distribution.count(row, l), PythonFormat.fixed(distribution.percent(row, l), 4));
        }
      }
      out.text("rq3_2024_prset_status_by_year.csv", table.toCsv());
      out.extraFigure("status per year of the 2024 PR set (no study figure)", StackedPercentBarChart.save(
          "2024 PR set (8,333 conversion PRs, statuses scraped 2024-10): status per year", "creation year",
          distribution.rows(), distribution.percentSeries(), out.dir(), "RQ3StatusDistribution-2024PRSet"),
          "published rows (an older, smaller PR set)");
    });
    rq3.prSet2024Markers().ifPresent(t -> out.text("rq3_2024_prset_markers.csv", t.toCsv()));
    rq3.partialCrawls().ifPresent(t -> out.text("rq3_partial_crawls.csv", t.toCsv()));
  }

  private static void statusFigures(Rq3Result rq3, StudyData data, Outputs out) {
    Map<String, StatusDistribution> distributions = rq3.distributions();
    if (distributions.isEmpty()) {
      for (String figure : List.of(ALL, HF, NON_HF)) {
        out.notDrawn(figure, "not drawn: needs sfconvertbot_pr_metadata.csv.zip (the final PR table; Git LFS only)");
      }
      return;
    }
    CsvTable labels = new CsvTable("figure", "row", "closed", "closed (has conflicts)", "merged", "open",
        "open (has conflicts)");
    CsvTable counts = new CsvTable("figure", "row", "status", "prs", "percent");
    distributions.forEach((figure, distribution) -> {
      for (String row : distribution.rows()) {
        addLabelRow(labels, figure, row, distribution, row);
        distribution.labels().forEach(l -> counts.add(figure, row, l, distribution.count(row, l),
            PythonFormat.fixed(distribution.percent(row, l), 4)));
      }
    });
    StatusDistribution all = distributions.get(ALL);
    StatusDistribution hf = distributions.get(HF);
    StatusDistribution others = distributions.get(NON_HF);
    addLabelRow(labels, ALL, "All years (HF Staff)", hf, StatusDistribution.ALL_YEARS);
    addLabelRow(labels, ALL, "All years (Non-HF Staff)", others, StatusDistribution.ALL_YEARS);
    out.text("RQ3StatusDistribution_figure_labels.csv", labels.toCsv());
    out.text("rq3_status_counts.csv", counts.toCsv());
    String basis = Figures.basis(data);
    List<String> rows = new ArrayList<>(all.rows());
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String label : all.labels()) {
      List<Double> values = new ArrayList<>();
      for (String row : all.rows()) {
        values.add(all.percent(row, label));
      }
      values.add(hf.percent(StatusDistribution.ALL_YEARS, label));
      values.add(others.percent(StatusDistribution.ALL_YEARS, label));
      series.put(label, values);
    }
    rows.add("All years (HF Staff)");
    rows.add("All years (Non-HF Staff)");
    out.figure(ALL, StackedPercentBarChart.save("SFConvertBot PR status per year", "PR creation year", rows, series,
        out.dir(), "RQ3StatusDistribution"), basis);
    out.figure(HF, StackedPercentBarChart.save("SFConvertBot PR status per year (first response by HF staff)",
        "PR creation year", hf.rows(), hf.percentSeries(), out.dir(), "RQ3StatusDistribution-Hugging Face Staff"),
        basis);
    out.figure(NON_HF, StackedPercentBarChart.save("SFConvertBot PR status per year (first response not by HF staff)",
        "PR creation year", others.rows(), others.percentSeries(), out.dir(),
        "RQ3StatusDistribution-Non-Hugging Face Staff"), basis);
  }

  private static void addLabelRow(CsvTable labels, String figure, String row, StatusDistribution d, String sourceRow) {
    labels.add(figure, row,
        PythonFormat.fixed(d.percent(sourceRow, "closed"), 1),
        PythonFormat.fixed(d.percent(sourceRow, "closed (has conflicts)"), 1),
        PythonFormat.fixed(d.percent(sourceRow, "merged"), 1),
        PythonFormat.fixed(d.percent(sourceRow, "open"), 1),
        PythonFormat.fixed(d.percent(sourceRow, "open (has conflicts)"), 1));
  }

  private static void timeToFirstResponse(Rq3Result rq3, StudyData data, Outputs out) {
    if (rq3.stats().isEmpty()) {
      String why = "not drawn: needs sfconvertbot_pr_metadata.csv.zip (the final PR table; Git LFS only)";
      out.notDrawn("RQ3TimeToFirstResponse.pdf", why);
      out.notDrawn("RQ4TimeToFirstResponse.pdf", why + "; the study's file of an earlier numbering of the same box"
          + " plot (its rendering is identical to RQ3TimeToFirstResponse.pdf)");
      return;
    }
    Map<String, List<Double>> minutes = rq3.responseMinutes();
    out.text("rq3_time_to_first_response.csv", rq3.responseSummary().toCsv());
    // heavy-tailed (seconds to years) on a log axis: responses under a second are drawn at one second
    Map<String, List<Double>> floored = new TreeMap<>();
    minutes.forEach((status, values) -> floored.put(status, values.stream().map(v -> Math.max(v, 1.0 / 60)).toList()));
    List<java.nio.file.Path> files = BoxPlotChart.save("Time to first response by PR status",
        "minutes to the first non-bot status change (log scale; the study's axis says hours, its values are minutes)",
        floored, out.dir(), "RQ3TimeToFirstResponse", true);
    out.figure("RQ3TimeToFirstResponse.pdf", files, Figures.basis(data));
    out.figure("RQ4TimeToFirstResponse.pdf", List.of(), "the study's file of an earlier numbering of the same box plot"
        + " (its rendering is identical to RQ3TimeToFirstResponse.pdf): see RQ3TimeToFirstResponse");
  }

  private static void relevant(Rq3Result rq3, Outputs out) {
    if (!rq3.relevant().isEmpty()) {
      CsvTable relevant = new CsvTable("source", "title", "url", "num_comments", "num_authors", "avg_comment_size",
          "authors", "passes_code_threshold", "passes_stated_threshold");
      for (BotPrOutcome pr : rq3.relevant()) {
        DiscussionActivity a = pr.activity();
        relevant.add("SFConvertBot PRs", pr.title() + " by " + pr.opener() + " (" + pr.modelId() + ")", pr.prUrl(),
            PythonFormat.floatCount(a.comments()), PythonFormat.floatCount(a.participants().size()),
            PythonFormat.repr(a.averageCommentSize()), String.join(";", a.participants()), true,
            a.isRelevant(DiscussionActivity.STATED_MIN_AVERAGE_WORDS));
      }
      out.text("rq3_relevant_discussions.csv", relevant.toCsv());
    }
    rq3.relevantChecks().ifPresent(c -> out.text("rq3_relevant_prs_checks.csv", c.table().toCsv()));
  }
}
