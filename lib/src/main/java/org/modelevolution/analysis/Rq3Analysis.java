package org.modelevolution.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.modelevolution.charts.BoxPlotChart;
import org.modelevolution.charts.StackedPercentBarChart;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.progress.Progress;
import org.modelevolution.study.BotPrMergeStatus;
import org.modelevolution.study.BotPrUrls;
import org.modelevolution.study.BotPullRequests;
import org.modelevolution.study.MergeStatusRecord;
import org.modelevolution.study.RelevantBotPr;
import org.modelevolution.study.RelevantBotPrs;

/**
 * RQ3: what happened to the SFConvertBot pull requests.
 *
 * <p>With the PR table ({@code sfconvertbot_pr_metadata.csv[.zip]}) in the data folder, the
 * study's whole analysis runs: the dataset steps of {@code rq3_dataset_stats.csv}, the status
 * distribution per year for all PRs, HF staff and others (the {@code RQ3StatusDistribution}
 * figures), the time to first response per status, and the relevant-discussion filter. The final
 * table is Git LFS only, so on the study's published data these numbers are
 * {@link Comparison.Status#NOT_RECOMPUTABLE}; what can be recomputed there is done on the
 * surviving files: status mapping and yearly shares of the older 8,333-PR table
 * ({@code sfconvertbot_merge_status.csv}, labelled "2024 PR set"), the internal consistency of the
 * 27 relevant PRs, and the partial URL crawls.
 *
 * <p>Use: {@code Rq3Analysis.of(dataDir, publishedDir).writeTo(outDir)}.
 */
public final class Rq3Analysis {
  static final String RQ = "RQ3";
  static final String STATS_FILE = "rq3_dataset_stats.csv";
  static final String NOV2024_STATS_FILE = "rq4_dataset_stats.csv";
  static final String FIGURE_LABELS_FILE = "RQ3StatusDistribution_figure_labels.csv";
  static final String NO_PR_TABLE = "needs data/sfconvertbot_pr_metadata.csv.zip (12.5 MB), which the study kept in"
      + " Git LFS only; it is not among the recovered study files";

  /** The study's three status figures and the PR subset each shows, in drawing order. */
  private static final Map<String, Predicate<BotPrOutcome>> FIGURES = figures();

  private static Map<String, Predicate<BotPrOutcome>> figures() {
    Map<String, Predicate<BotPrOutcome>> figures = new LinkedHashMap<>();
    figures.put("RQ3StatusDistribution.pdf", pr -> true);
    figures.put("RQ3StatusDistribution-Hugging Face Staff.pdf", BotPrOutcome::hfStaff);
    figures.put("RQ3StatusDistribution-Non-Hugging Face Staff.pdf", pr -> !pr.hfStaff());
    return java.util.Collections.unmodifiableMap(figures);
  }

  private static final double MINUTE_IN_DAYS = 1.0 / (24 * 60);

  private final Path dataDir;
  private final Path publishedDir;
  private Optional<Rq3Dataset> dataset;

  private Rq3Analysis(Path dataDir, Path publishedDir) {
    this.dataDir = dataDir;
    this.publishedDir = publishedDir;
  }

  /**
   * @param dataDir folder with the RQ3 inputs (the study data, or a synthetic full-schema set)
   * @param publishedDir folder with the study's published tables to compare against
   */
  public static Rq3Analysis of(Path dataDir, Path publishedDir) {
    return new Rq3Analysis(dataDir, publishedDir);
  }

  /** The analysis on the study data of {@code layout} ({@code studyData} and its {@code published/}). */
  public static Rq3Analysis of(ProjectLayout layout) {
    return of(layout.studyData(), layout.studyData().resolve("published"));
  }

  /** The prepared PR dataset, read on first use; empty when the data folder has no PR table. */
  public synchronized Optional<Rq3Dataset> dataset() {
    if (dataset == null) {
      dataset = BotPullRequests.find(dataDir).map(file -> {
        try (Progress progress = Progress.start("RQ3: reading " + file.getFileName() + " (bytes)", 0)) {
          return Rq3Dataset.load(file, progress);
        }
      });
    }
    return dataset;
  }

  /** True when the data folder is marked as synthetic by the scale generator. */
  public boolean isSynthetic() {
    return Files.exists(dataDir.resolve("SYNTHETIC_DATA_README.txt"));
  }

  /** The recomputed {@code rq3_dataset_stats.csv}, when the PR table is present. */
  public Optional<MetricsTable> stats() {
    return dataset().map(Rq3Dataset::stats);
  }

  /** Status distribution per year of all PRs, HF staff PRs ({@code hfStaff = true}) or the others. */
  public Optional<StatusDistribution> statusDistribution(Predicate<BotPrOutcome> subset) {
    return dataset().map(d -> StatusDistribution.of(
        d.prs().stream().filter(subset).toList(), BotPrOutcome::year, BotPrOutcome::statusLabel));
  }

  /** Status distribution of the 2024 iteration's 8,333 PRs (scraped statuses), rows with a status only. */
  public Optional<StatusDistribution> statusDistribution2024PrSet() {
    Path file = dataDir.resolve(BotPrMergeStatus.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<MergeStatusRecord> rows = BotPrMergeStatus.read(file).stream().filter(MergeStatusRecord::hasStatus).toList();
    return Optional.of(StatusDistribution.of(rows, r -> r.date().getYear(), MergeStatusRecord::statusLabel));
  }

  /** Runs everything, writes tables and figures into {@code outDir}, and compares with the published tables. */
  public AnalysisResult writeTo(Path outDir) {
    List<Comparison> comparisons = new ArrayList<>();
    List<Path> tables = new ArrayList<>();
    List<Path> figures = new ArrayList<>();
    String syntheticNote = isSynthetic() ? "synthetic input (scale generator), not the study's data" : "";

    Optional<Rq3Dataset> data = dataset();
    // 1. dataset statistics, both step orders
    compareMetrics(comparisons, STATS_FILE, data.map(Rq3Dataset::stats), syntheticNote, NO_PR_TABLE);
    compareMetrics(comparisons, NOV2024_STATS_FILE, data.map(Rq3Dataset::nov2024Stats),
        syntheticNote.isEmpty() ? "November 2024 step order; date bound 2024-10-31 inferred from its Last commit time"
            : syntheticNote,
        NO_PR_TABLE + "; the November 2024 crawl (46,327 rows) is not available either");
    data.ifPresent(d -> {
      d.stats().write(outDir.resolve(STATS_FILE));
      tables.add(outDir.resolve(STATS_FILE));
      Path nov = outDir.resolve("rq4_dataset_stats_nov2024_order.csv");
      d.nov2024Stats().write(nov);
      tables.add(nov);
      if (!d.malformed().isEmpty()) {
        CsvTable malformed = new CsvTable("page");
        d.malformed().forEach(malformed::add);
        tables.add(malformed.write(outDir.resolve("rq3_malformed_pages.csv")));
      }
    });

    // 2. status distributions (figure labels) and charts
    CsvTable labels = new CsvTable("figure", "row", "closed", "closed (has conflicts)", "merged", "open",
        "open (has conflicts)");
    CsvTable counts = new CsvTable("figure", "row", "status", "prs", "percent");
    Map<String, StatusDistribution> distributions = new LinkedHashMap<>();
    data.ifPresent(d -> FIGURES.forEach((figure, subset) -> distributions.put(figure, statusDistribution(subset).get())));
    distributions.forEach((figure, distribution) -> {
      for (String row : distribution.rows()) {
        addLabelRow(labels, figure, row, distribution, row);
        distribution.labels().forEach(l -> counts.add(figure, row, l, distribution.count(row, l),
            PythonFormat.fixed(distribution.percent(row, l), 4)));
      }
    });
    if (!distributions.isEmpty()) {
      // the combined figure also carries the two groups' all-years bars
      StatusDistribution hf = distributions.get("RQ3StatusDistribution-Hugging Face Staff.pdf");
      StatusDistribution others = distributions.get("RQ3StatusDistribution-Non-Hugging Face Staff.pdf");
      addLabelRow(labels, "RQ3StatusDistribution.pdf", "All years (HF Staff)", hf, StatusDistribution.ALL_YEARS);
      addLabelRow(labels, "RQ3StatusDistribution.pdf", "All years (Non-HF Staff)", others, StatusDistribution.ALL_YEARS);
      tables.add(labels.write(outDir.resolve("RQ3StatusDistribution_figure_labels.csv")));
      tables.add(counts.write(outDir.resolve("rq3_status_counts.csv")));
      figures.addAll(statusChart(distributions.get("RQ3StatusDistribution.pdf"), hf, others, outDir));
      figures.addAll(groupChart(hf, "SFConvertBot PR status per year (first response by HF staff)", outDir,
          "RQ3StatusDistribution-HF-Staff"));
      figures.addAll(groupChart(others, "SFConvertBot PR status per year (first response not by HF staff)", outDir,
          "RQ3StatusDistribution-Non-HF-Staff"));
    }
    compareFigureLabels(comparisons, labels, syntheticNote);

    // 3. time to first response
    data.ifPresent(d -> {
      Map<String, List<Double>> days = timeToFirstResponseDays(d);
      CsvTable summary = new CsvTable("status", "prs_with_response", "min_days", "q1_days", "median_days",
          "q3_days", "max_days", "mean_days");
      days.forEach((status, values) -> {
        double[] sorted = Quantiles.sorted(values);
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        summary.add(status, values.size(), days4(sorted.length == 0 ? Double.NaN : sorted[0]),
            days4(Quantiles.of(sorted, 0.25)), days4(Quantiles.of(sorted, 0.5)), days4(Quantiles.of(sorted, 0.75)),
            days4(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]), days4(mean));
      });
      tables.add(summary.write(outDir.resolve("rq3_time_to_first_response.csv")));
      // heavy-tailed (minutes to years): drawn on a log axis, responses under a minute drawn at one minute
      Map<String, List<Double>> floored = new TreeMap<>();
      days.forEach((status, values) -> floored.put(status,
          values.stream().map(v -> Math.max(v, MINUTE_IN_DAYS)).toList()));
      figures.addAll(BoxPlotChart.save("Time to first response of SFConvertBot PRs, by status",
          "days from PR creation to the first non-bot status change (log scale)", floored, outDir,
          "RQ3TimeToFirstResponse", true));
    });

    // 4. relevant discussions
    relevantDiscussions(comparisons, tables, outDir, syntheticNote);

    // 5. the surviving older PR set (2024 iteration)
    statusDistribution2024PrSet().ifPresent(distribution -> {
      CsvTable table = new CsvTable("pr_set", "row", "prs_with_status", "status", "prs", "percent");
      for (String row : distribution.rows()) {
        for (String l : distribution.labels()) {
          table.add("2024 PR set (sfconvertbot_merge_status.csv)", row, distribution.total(row), l,
              distribution.count(row, l), PythonFormat.fixed(distribution.percent(row, l), 4));
        }
      }
      tables.add(table.write(outDir.resolve("rq3_2024_prset_status_by_year.csv")));
      tables.add(markerCounts().write(outDir.resolve("rq3_2024_prset_markers.csv")));
      figures.addAll(StackedPercentBarChart.save(
          "2024 PR set (8,333 conversion PRs, statuses scraped 2024-10): status per year", "creation year",
          distribution.rows(), distribution.percentSeries(), outDir, "RQ3StatusDistribution-2024PRSet"));
    });
    partialCrawls().ifPresent(t -> tables.add(t.write(outDir.resolve("rq3_partial_crawls.csv"))));
    return new AnalysisResult(comparisons, inputs(), tables, figures);
  }

  /** The input files that exist: the PR table, the surviving RQ3 files and the published tables. */
  private List<Path> inputs() {
    List<Path> inputs = new ArrayList<>();
    BotPullRequests.find(dataDir).ifPresent(inputs::add);
    for (String name : List.of(BotPrMergeStatus.FILE_NAME, RelevantBotPrs.FILE_NAME, "discussion_urls.csv",
        "sfconvertbot_activity.csv")) {
      inputs.add(dataDir.resolve(name));
    }
    for (String name : List.of(STATS_FILE, NOV2024_STATS_FILE, FIGURE_LABELS_FILE)) {
      inputs.add(publishedDir.resolve(name));
    }
    return inputs.stream().filter(Files::isRegularFile).toList();
  }

  private static String days4(double value) {
    return Double.isNaN(value) ? "" : PythonFormat.fixed(value, 4);
  }

  /** Days from creation to the first non-bot status change, per status label (alphabetical), PRs with one only. */
  public static Map<String, List<Double>> timeToFirstResponseDays(Rq3Dataset data) {
    Map<String, List<Double>> days = new TreeMap<>();
    for (BotPrOutcome pr : data.prs()) {
      pr.firstResponse().ifPresent(d -> days.computeIfAbsent(pr.statusLabel(), s -> new ArrayList<>())
          .add(d.toMillis() / (double) Duration.ofDays(1).toMillis()));
    }
    return days;
  }

  private static void addLabelRow(CsvTable labels, String figure, String row, StatusDistribution d, String sourceRow) {
    labels.add(figure, row,
        PythonFormat.fixed(d.percent(sourceRow, "closed"), 1),
        PythonFormat.fixed(d.percent(sourceRow, "closed (has conflicts)"), 1),
        PythonFormat.fixed(d.percent(sourceRow, "merged"), 1),
        PythonFormat.fixed(d.percent(sourceRow, "open"), 1),
        PythonFormat.fixed(d.percent(sourceRow, "open (has conflicts)"), 1));
  }

  private static List<Path> statusChart(StatusDistribution all, StatusDistribution hf, StatusDistribution others,
      Path outDir) {
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
    return StackedPercentBarChart.save("SFConvertBot PR status per year", "PR creation year", rows, series, outDir,
        "RQ3StatusDistribution");
  }

  private static List<Path> groupChart(StatusDistribution d, String title, Path outDir, String baseName) {
    return StackedPercentBarChart.save(title, "PR creation year", d.rows(), d.percentSeries(), outDir, baseName);
  }

  private void compareMetrics(List<Comparison> out, String file, Optional<MetricsTable> recomputed, String note,
      String missingReason) {
    Path published = publishedDir.resolve(file);
    if (!Files.isRegularFile(published)) {
      return;
    }
    MetricsTable reference = MetricsTable.read(published);
    reference.rows().forEach((metric, value) -> {
      if (recomputed.isEmpty()) {
        out.add(new Comparison(RQ, file, metric, value, "", Comparison.Status.NOT_RECOMPUTABLE, missingReason));
        return;
      }
      String mine = recomputed.get().get(metric).orElse("");
      boolean same = mine.equals(value);
      out.add(new Comparison(RQ, file, metric, value, mine, same ? Comparison.Status.MATCH : Comparison.Status.DIFFERS,
          same ? "" : note));
    });
  }

  private void compareFigureLabels(List<Comparison> out, CsvTable recomputed, String note) {
    Path published = publishedDir.resolve(FIGURE_LABELS_FILE);
    if (!Files.isRegularFile(published)) {
      return;
    }
    Map<String, List<String>> mine = new LinkedHashMap<>();
    recomputed.rows().forEach(r -> mine.put(r.get(0) + " / " + r.get(1), r));
    List<List<String>> reference = HeaderlessCsv.read(published);
    List<String> header = reference.get(0);
    for (List<String> row : reference.subList(1, reference.size())) {
      String key = row.get(0) + " / " + row.get(1);
      for (int c = 2; c < header.size() && c < row.size(); c++) {
        String metric = key + " / " + header.get(c) + " (%)";
        List<String> recomputedRow = mine.get(key);
        if (recomputedRow == null) {
          out.add(new Comparison(RQ, FIGURE_LABELS_FILE, metric, row.get(c), "", Comparison.Status.NOT_RECOMPUTABLE,
              mine.isEmpty() ? NO_PR_TABLE : "no PRs for this bar in the input"));
          continue;
        }
        String value = recomputedRow.get(c);
        boolean same = value.equals(row.get(c));
        out.add(new Comparison(RQ, FIGURE_LABELS_FILE, metric, row.get(c), value,
            same ? Comparison.Status.MATCH : Comparison.Status.DIFFERS, same ? "" : note));
      }
    }
  }

  private void relevantDiscussions(List<Comparison> out, List<Path> tables, Path outDir, String note) {
    Path filtered = dataDir.resolve(RelevantBotPrs.FILE_NAME);
    Optional<List<RelevantBotPr>> published = Files.isRegularFile(filtered)
        ? Optional.of(RelevantBotPrs.read(filtered)) : Optional.empty();
    String codeMetric = "PRs passing the relevance filter (code threshold: average comment size > 0 words)";
    String statedMetric = "PRs passing the relevance filter (stated threshold: average comment size > 4 words)";
    Optional<Rq3Dataset> data = dataset();
    data.ifPresent(d -> {
      CsvTable relevant = new CsvTable("source", "title", "url", "num_comments", "num_authors", "avg_comment_size",
          "authors", "passes_code_threshold", "passes_stated_threshold");
      for (BotPrOutcome pr : d.prs()) {
        DiscussionActivity a = pr.activity();
        if (a.isRelevant(DiscussionActivity.CODE_MIN_AVERAGE_WORDS)) {
          relevant.add("SFConvertBot PRs", pr.title() + " by " + pr.opener() + " (" + pr.modelId() + ")", pr.prUrl(),
              PythonFormat.floatCount(a.comments()), PythonFormat.floatCount(a.participants().size()),
              PythonFormat.repr(a.averageCommentSize()), String.join(";", a.participants()), true,
              a.isRelevant(DiscussionActivity.STATED_MIN_AVERAGE_WORDS));
        }
      }
      tables.add(relevant.write(outDir.resolve("rq3_relevant_discussions.csv")));
    });
    published.ifPresent(rows -> {
      String count = String.valueOf(rows.size());
      if (data.isPresent()) {
        long code = data.get().prs().stream()
            .filter(p -> p.activity().isRelevant(DiscussionActivity.CODE_MIN_AVERAGE_WORDS)).count();
        out.add(new Comparison(RQ, RelevantBotPrs.FILE_NAME, codeMetric, count, String.valueOf(code),
            code == rows.size() ? Comparison.Status.MATCH : Comparison.Status.DIFFERS, code == rows.size() ? "" : note));
      } else {
        out.add(new Comparison(RQ, RelevantBotPrs.FILE_NAME, codeMetric, count, "", Comparison.Status.NOT_RECOMPUTABLE,
            NO_PR_TABLE));
      }
      // what can be checked without the PR table: the file against its own columns
      RelevantPrChecks checks = RelevantPrChecks.of(rows);
      tables.add(checks.table().write(outDir.resolve("rq3_relevant_prs_checks.csv")));
      long byCode = checks.passing(DiscussionActivity.CODE_MIN_AVERAGE_WORDS);
      long byStated = checks.passing(DiscussionActivity.STATED_MIN_AVERAGE_WORDS);
      out.add(new Comparison(RQ, RelevantBotPrs.FILE_NAME,
          "rows whose own columns satisfy the code filter (>= 2 comments, >= 2 authors, average > 0 words)", count,
          String.valueOf(byCode), byCode == rows.size() ? Comparison.Status.MATCH : Comparison.Status.DIFFERS,
          byCode == rows.size() ? "" : "some rows of the file do not satisfy the filter that produced it"));
      out.add(new Comparison(RQ, RelevantBotPrs.FILE_NAME,
          "rows whose own columns satisfy the stated filter (average > 4 words)", count, String.valueOf(byStated),
          byStated == rows.size() ? Comparison.Status.MATCH : Comparison.Status.DIFFERS,
          byStated == rows.size() ? "" : "the paper states an average of more than 4 words, the code kept "
              + "discussions averaging more than 0 words; " + (rows.size() - byStated) + " of the " + rows.size()
              + " coded PRs average 4 words or fewer"));
      if (data.isEmpty()) {
        out.add(new Comparison(RQ, RelevantBotPrs.FILE_NAME, statedMetric, "", "", Comparison.Status.NOT_RECOMPUTABLE,
            NO_PR_TABLE));
      }
    });
  }

  private CsvTable markerCounts() {
    List<MergeStatusRecord> rows = BotPrMergeStatus.read(dataDir.resolve(BotPrMergeStatus.FILE_NAME));
    Map<String, Long> markers = rows.stream().collect(Collectors.groupingBy(MergeStatusRecord::scraped, TreeMap::new,
        Collectors.counting()));
    CsvTable table = new CsvTable("scraped_marker", "status_label", "prs");
    markers.forEach((marker, n) -> table.add(marker, MergeStatusRecord.labelOf(marker), n));
    return table;
  }

  private Optional<CsvTable> partialCrawls() {
    Path merge = dataDir.resolve(BotPrMergeStatus.FILE_NAME);
    Set<String> scraped = Files.isRegularFile(merge)
        ? BotPrMergeStatus.read(merge).stream().map(MergeStatusRecord::prUrl).collect(Collectors.toSet()) : Set.of();
    CsvTable table = new CsvTable("file", "rows", "distinct_pr_pages", "distinct_models", "pages_in_2024_pr_set");
    for (String name : List.of("discussion_urls.csv", "sfconvertbot_activity.csv")) {
      Path file = dataDir.resolve(name);
      if (Files.isRegularFile(file)) {
        List<String> urls = BotPrUrls.read(file);
        Set<String> pages = urls.stream().map(BotPrUrls::withoutAnchor).collect(Collectors.toSet());
        long models = pages.stream().map(BotPrUrls::modelId).distinct().count();
        long inScraped = pages.stream().filter(scraped::contains).count();
        table.add(name, urls.size(), pages.size(), models, inScraped);
      }
    }
    return table.rows().isEmpty() ? Optional.empty() : Optional.of(table);
  }
}
