package org.modelevolution.reproduction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.analysis.CsvTable;
import org.modelevolution.analysis.PythonFormat;
import org.modelevolution.analysis.Rq3Result;
import org.modelevolution.analysis.StatusDistribution;
import org.modelevolution.charts.ResponseTimeBoxChart;
import org.modelevolution.charts.StatusBarsChart;
import org.modelevolution.study.BotPrOutcome;
import org.modelevolution.study.DiscussionActivity;
import org.modelevolution.study.StudyData;

/** Writes RQ3's tables and figures. */
final class Rq3Files {
  private static final String HF = "RQ3StatusDistribution-Hugging Face Staff.pdf";
  private static final String NON_HF = "RQ3StatusDistribution-Non-Hugging Face Staff.pdf";
  private static final String ALL = "RQ3StatusDistribution.pdf";
  /** The study's bar labels of the three status figures, as published. */
  static final String LABELS = "RQ3StatusDistribution_figure_labels.csv";
  private static final String Y_AXIS = "PR Creation Year";
  private static final String X_AXIS = "% of PRs";
  /** The study's box order: the statuses in order of first appearance in its PR table. */
  private static final List<String> RESPONSE_ORDER =
      List.of("merged", "open", "closed", "closed (has conflicts)", "open (has conflicts)");

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
    rq3.prSet2024().ifPresent(distribution -> prSet2024(rq3, distribution, out));
    rq3.prSet2024Markers().ifPresent(t -> out.text("rq3_2024_prset_markers.csv", t.toCsv()));
    rq3.partialCrawls().ifPresent(t -> out.text("rq3_partial_crawls.csv", t.toCsv()));
  }

  private static void statusFigures(Rq3Result rq3, StudyData data, Outputs out) {
    Map<String, StatusDistribution> distributions = rq3.distributions();
    if (distributions.isEmpty()) {
      Optional<List<List<String>>> labels = data.published().table(LABELS);
      if (labels.isPresent() && !data.synthetic()) {
        statusFiguresFromLabels(labels.get(), out);
        return;
      }
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
    // The study's main figure: the years top to bottom, then All years and its staff / non-staff totals.
    List<StatusBarsChart.Bar> bars = new ArrayList<>();
    for (String row : all.rows()) {
      bars.add(bar(row, all, row));
    }
    int years = bars.size() - 1;
    bars.add(bar("All years (HF Staff)", hf, StatusDistribution.ALL_YEARS));
    bars.add(bar("All years (Non-HF Staff)", others, StatusDistribution.ALL_YEARS));
    out.figure(ALL, StatusBarsChart.draw(new StatusBarsChart.Input("Distribution of Pull Request Status", Y_AXIS,
        X_AXIS, all.labels(), bars, years, basis, List.of())), base(ALL), basis);
    staffFigure(HF, "Distribution of Pull Request Status by Hugging Face Staff", hf, basis, out);
    staffFigure(NON_HF, "Distribution of Pull Request Status by Non-Hugging Face Staff", others, basis, out);
  }

  /**
   * The three status figures redrawn from the study's own bar labels ({@value #LABELS}): the
   * percentages as published, not recomputed (the PR table is Git LFS only), so no bar has an n.
   */
  private static void statusFiguresFromLabels(List<List<String>> rows, Outputs out) {
    List<String> header = rows.get(0);
    List<String> statuses = header.subList(2, header.size());
    Map<String, List<StatusBarsChart.Bar>> barsByFigure = new LinkedHashMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      Map<String, Double> percent = new LinkedHashMap<>();
      for (int c = 2; c < header.size() && c < row.size(); c++) {
        percent.put(header.get(c), Double.parseDouble(row.get(c)));
      }
      barsByFigure.computeIfAbsent(row.get(0), k -> new ArrayList<>())
          .add(StatusBarsChart.Bar.ofPercentages(row.get(1), percent, null));
    }
    String basis = "published table (" + LABELS + ": the study's bar labels, redrawn, not recomputed)";
    List<String> notes = List.of("Redrawn from the study's published bar labels (" + LABELS + ", one decimal), not"
        + " recomputed: the PR table they come from (sfconvertbot_pr_metadata.csv.zip) is Git LFS only, and the"
        + " number of PRs behind each bar is not published.");
    List<StatusBarsChart.Bar> all = barsByFigure.getOrDefault(ALL, List.of());
    if (!all.isEmpty()) {
      int years = (int) all.stream().filter(b -> !b.label().startsWith(StatusDistribution.ALL_YEARS)).count();
      out.figure(ALL, StatusBarsChart.draw(new StatusBarsChart.Input("Distribution of Pull Request Status", Y_AXIS,
          X_AXIS, statuses, all, years, basis, notes)), base(ALL), basis);
    }
    for (Map.Entry<String, String> staff : Map.of(HF, "Distribution of Pull Request Status by Hugging Face Staff",
        NON_HF, "Distribution of Pull Request Status by Non-Hugging Face Staff").entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).toList()) {
      List<StatusBarsChart.Bar> bars = new ArrayList<>(barsByFigure.getOrDefault(staff.getKey(), List.of()));
      if (bars.isEmpty()) {
        continue;
      }
      // All years on top, then the years descending (the study's bottom-to-top order)
      bars.sort(java.util.Comparator.comparing((StatusBarsChart.Bar b) -> !b.label().equals(StatusDistribution.ALL_YEARS))
          .thenComparing(StatusBarsChart.Bar::label, java.util.Comparator.reverseOrder()));
      StatusBarsChart.Bar total = bars.get(0);
      List<String> present = statuses.stream().filter(st -> total.share(st) > 0).toList();
      out.figure(staff.getKey(), StatusBarsChart.draw(new StatusBarsChart.Input(staff.getValue(), Y_AXIS, X_AXIS,
          present, bars, 1, basis, notes)), base(staff.getKey()), basis);
    }
  }

  /** The staff variants: All years on top, then the years descending (the study's bottom-to-top order). */
  private static void staffFigure(String figure, String title, StatusDistribution d, String basis, Outputs out) {
    List<StatusBarsChart.Bar> bars = new ArrayList<>();
    bars.add(bar(StatusDistribution.ALL_YEARS, d, StatusDistribution.ALL_YEARS));
    List<String> years = new ArrayList<>(d.rows());
    years.remove(StatusDistribution.ALL_YEARS);
    java.util.Collections.reverse(years);
    years.forEach(y -> bars.add(bar(y, d, y)));
    // only the statuses present in the subset, as the study's plot of the subset shows
    List<String> present = d.labels().stream().filter(l -> d.count(StatusDistribution.ALL_YEARS, l) > 0).toList();
    out.figure(figure, StatusBarsChart.draw(new StatusBarsChart.Input(title, Y_AXIS, X_AXIS, present, bars, 1, basis,
        List.of())), base(figure), basis);
  }

  private static StatusBarsChart.Bar bar(String label, StatusDistribution d, String row) {
    return bar(label, d, row, null);
  }

  private static StatusBarsChart.Bar bar(String label, StatusDistribution d, String row, String note) {
    Map<String, Long> counts = new LinkedHashMap<>();
    d.labels().forEach(l -> counts.put(l, d.count(row, l)));
    return new StatusBarsChart.Bar(label, counts, note);
  }

  private static String base(String pdf) {
    return pdf.substring(0, pdf.length() - ".pdf".length());
  }

  /** The older 8,333-PR table: no study figure; horizontal 100% bars per year, partial years annotated. */
  private static void prSet2024(Rq3Result rq3, StatusDistribution distribution, Outputs out) {
    CsvTable table = new CsvTable("pr_set", "row", "prs_with_status", "status", "prs", "percent");
    for (String row : distribution.rows()) {
      for (String l : distribution.labels()) {
        table.add("2024 PR set (sfconvertbot_merge_status.csv)", row, distribution.total(row), l,
            distribution.count(row, l), PythonFormat.fixed(distribution.percent(row, l), 4));
      }
    }
    out.text("rq3_2024_prset_status_by_year.csv", table.toCsv());
    List<StatusBarsChart.Bar> bars = new ArrayList<>();
    for (String row : distribution.rows()) {
      String note = row.equals(StatusDistribution.ALL_YEARS) ? null : rq3.prSet2024Coverage()
          .flatMap(c -> c.partialNote(Integer.parseInt(row))).orElse(null);
      bars.add(bar(row, distribution, row, note));
    }
    List<String> statuses = distribution.labels().stream()
        .filter(l -> distribution.count(StatusDistribution.ALL_YEARS, l) > 0).toList();
    String title = rq3.prSet2024Coverage().map(c -> String.format(java.util.Locale.ROOT,
        "2024 PR Set: Status of %,d Conversion PRs With a Scraped Status (of %,d), by Creation Year",
        c.withStatus(), c.rows())).orElse("2024 PR Set: Status of Conversion PRs by Creation Year");
    String basis = "published rows (sfconvertbot_merge_status.csv, an older, smaller PR set; statuses scraped 2024-10)";
    out.extraFigure("status per year of the 2024 PR set (no study figure)", StatusBarsChart.draw(
        new StatusBarsChart.Input(title, Y_AXIS, X_AXIS, statuses, bars, bars.size() - 1, basis, List.of(
            "No study figure: the study's status figures rest on the final PR table; PRs without a scraped"
                + " status are left out."))).save(out.dir(), "RQ3StatusDistribution-2024PRSet"), basis);
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
    List<String> order = new ArrayList<>(RESPONSE_ORDER);
    minutes.keySet().stream().filter(s -> !order.contains(s)).forEach(order::add);
    List<ResponseTimeBoxChart.Box> boxes = new ArrayList<>();
    for (String status : order) { // a status without responses keeps its (empty) slot, as in the study's plot
      boxes.add(ResponseTimeBoxChart.Box.tukey(status,
          minutes.getOrDefault(status, List.of()).stream().mapToDouble(Double::doubleValue).toArray()));
    }
    String basis = Figures.basis(data);
    ResponseTimeBoxChart.Input input = new ResponseTimeBoxChart.Input("Time to First Response by PR Status",
        "PR Status", "Time to First Response (hours)", boxes, basis, List.of(
            "As in the study: the values are minutes (total_seconds()/60) although the axis says hours;"
                + " PRs without a status change by someone other than SFConvertBot are left out."));
    List<java.nio.file.Path> files = out.figure("RQ3TimeToFirstResponse.pdf",
        ResponseTimeBoxChart.draw(input), "RQ3TimeToFirstResponse", basis);
    out.sameAs("RQ4TimeToFirstResponse.pdf", files, basis + "; the study's file of an earlier numbering of the same"
        + " box plot (its rendering is identical to RQ3TimeToFirstResponse.pdf), drawn once as RQ3TimeToFirstResponse");
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
