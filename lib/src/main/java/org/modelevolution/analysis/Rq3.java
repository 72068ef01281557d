package org.modelevolution.analysis;

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
import org.modelevolution.study.BotPrOutcome;
import org.modelevolution.study.BotPrTable;
import org.modelevolution.study.BotPrUrls;
import org.modelevolution.study.DiscussionActivity;
import org.modelevolution.study.MergeStatusRecord;
import org.modelevolution.study.RelevantBotPr;
import org.modelevolution.study.StudyData;

/**
 * RQ3: what happened to the SFConvertBot pull requests.
 *
 * <p>With the final PR table ({@code sfconvertbot_pr_metadata.csv[.zip]}, Git LFS only) the
 * study's whole analysis runs: the dataset steps of {@code rq3_dataset_stats.csv}, the status
 * distribution per year for all PRs, HF staff and others (the {@code RQ3StatusDistribution}
 * figures), the time to first response per status, and the relevant-discussion filter. On the
 * study's published data what can be recomputed is: the dataset rows that are arithmetic on the
 * published table (the average, the non-staff count), the status mapping and yearly shares of the
 * older 8,333-PR table ({@code sfconvertbot_merge_status.csv}, "2024 PR set"), the internal
 * consistency of the 27 coded PRs, and the partial URL crawls.
 */
public final class Rq3 {
  static final String STATS_FILE = "rq3_dataset_stats.csv";
  static final String NOV2024_STATS_FILE = "rq4_dataset_stats.csv";
  static final String NOTEBOOK = "rq3_analysis.ipynb";
  static final String NO_PR_TABLE = "sfconvertbot_pr_metadata.csv.zip (the final PR table, 12.5 MB; Git LFS only)";
  static final String NO_NOV2024_TABLE = "the November 2024 crawl of SFConvertBot's activity (46,327 rows; Git LFS only)";

  /** The study's three status figures and the PR subset each shows, in drawing order. */
  static final Map<String, Predicate<BotPrOutcome>> FIGURES = figures();

  private static Map<String, Predicate<BotPrOutcome>> figures() {
    Map<String, Predicate<BotPrOutcome>> figures = new LinkedHashMap<>();
    figures.put("RQ3StatusDistribution.pdf", pr -> true);
    figures.put("RQ3StatusDistribution-Hugging Face Staff.pdf", BotPrOutcome::hfStaff);
    figures.put("RQ3StatusDistribution-Non-Hugging Face Staff.pdf", pr -> !pr.hfStaff());
    return java.util.Collections.unmodifiableMap(figures);
  }

  private Rq3() {}

  public static Rq3Result of(StudyData data) {
    StudyData.BotPrData bot = data.botPrs();
    Optional<BotPrTable> table = bot.table();
    Optional<MetricsTable> stats = table.map(Rq3::stats);
    Optional<MetricsTable> nov2024 = table.map(Rq3::nov2024Stats);
    Map<String, StatusDistribution> distributions = new LinkedHashMap<>();
    table.ifPresent(t -> FIGURES.forEach((figure, subset) -> distributions.put(figure, StatusDistribution.of(
        t.prs().stream().filter(subset).toList(), BotPrOutcome::year, BotPrOutcome::statusLabel))));
    Map<String, List<Double>> responseMinutes = table.map(Rq3::timeToFirstResponseMinutes).orElse(Map.of());
    List<BotPrOutcome> relevant = table.map(t -> t.prs().stream()
        .filter(p -> p.activity().isRelevant(DiscussionActivity.CODE_MIN_AVERAGE_WORDS)).toList()).orElse(List.of());
    Optional<RelevantPrChecks> relevantChecks = bot.relevant().map(RelevantPrChecks::of);
    Optional<StatusDistribution> prSet2024 = bot.mergeStatus2024().map(rows -> StatusDistribution.of(
        rows.stream().filter(MergeStatusRecord::hasStatus).toList(), r -> r.date().getYear(),
        MergeStatusRecord::statusLabel));
    Optional<PrSetCoverage> coverage = bot.mergeStatus2024().map(rows -> PrSetCoverage.of(rows,
        rows.stream().filter(MergeStatusRecord::hasStatus).toList(), MergeStatusRecord::date));
    Optional<CsvTable> markers = bot.mergeStatus2024().map(Rq3::markerCounts);
    Optional<CsvTable> crawls = partialCrawls(bot);
    Rq3Result partial = new Rq3Result(stats, nov2024, distributions, responseMinutes, relevant, relevantChecks,
        prSet2024, coverage, markers, crawls, table.map(BotPrTable::malformed).orElse(List.of()), List.of(), List.of());
    return partial.withNumbers(Rq3Numbers.of(data, partial), Rq3Numbers.checks(data, partial));
  }

  /** The study's {@code rq3_dataset_stats.csv}, recomputed, with its metric names and number formats. */
  static MetricsTable stats(BotPrTable table) {
    long[] steps = table.finalSteps();
    MetricsTable stats = new MetricsTable()
        .put("Number of collected PRs", PythonFormat.floatCount(steps[0]))
        .put("Number of PRs after removing missing values", PythonFormat.floatCount(steps[1]))
        .put("Number of PRs after removing invalid JSONs", PythonFormat.floatCount(steps[2]))
        .put("Number of PRs after filtering by URL", PythonFormat.floatCount(steps[3]));
    addSummary(stats, table.finalCoverage(), table.prs());
    return stats;
  }

  /** The November 2024 {@code rq4_dataset_stats.csv} layout, recomputed. */
  static MetricsTable nov2024Stats(BotPrTable table) {
    long[] steps = table.nov2024Steps();
    MetricsTable stats = new MetricsTable()
        .put("Number of PRs collected from SFConvertBot Community Activity", PythonFormat.floatCount(steps[0]))
        .put("Number of PRs after removing missing values", PythonFormat.floatCount(steps[1]))
        .put("Number of PRs after removing invalid JSONs", PythonFormat.floatCount(steps[2]))
        .put("Number of PRs after filtering by date", PythonFormat.floatCount(steps[3]))
        .put("Number of PRs after filtering by URL", PythonFormat.floatCount(steps[4]));
    addSummary(stats, table.nov2024Coverage(), table.nov2024Prs());
    return stats;
  }

  /**
   * Repositories, PRs per repository and first/last time over every kept row, and the HF-staff
   * split. The split counts parsed PRs; pages that cannot be parsed (which would have stopped the
   * notebook) count as non-staff.
   */
  private static void addSummary(MetricsTable stats, BotPrTable.Coverage kept, List<BotPrOutcome> prs) {
    stats.put("Number of repositories", PythonFormat.floatCount(kept.repositories()));
    stats.put("Average number of PRs per repository",
        kept.repositories() == 0 ? "nan" : PythonFormat.repr((double) kept.rows() / kept.repositories()));
    stats.put("First commit time", kept.first().orElse("nan"));
    stats.put("Last commit time", kept.last().orElse("nan"));
    long hf = prs.stream().filter(BotPrOutcome::hfStaff).count();
    stats.put("Number of PRs made by HF staff", hf);
    stats.put("Number of PRs made by non-HF staff", kept.rows() - hf);
  }

  /**
   * Time from creation to the first non-bot status change, per status label (alphabetical), PRs
   * with one only, in minutes: the unit the study's code computed (its axis says hours).
   */
  static Map<String, List<Double>> timeToFirstResponseMinutes(BotPrTable table) {
    Map<String, List<Double>> minutes = new TreeMap<>();
    for (BotPrOutcome pr : table.prs()) {
      pr.firstResponse().ifPresent(d -> minutes.computeIfAbsent(pr.statusLabel(), s -> new ArrayList<>())
          .add(d.toMillis() / (double) Duration.ofMinutes(1).toMillis()));
    }
    minutes.replaceAll((status, values) -> List.copyOf(values));
    return minutes;
  }

  private static CsvTable markerCounts(List<MergeStatusRecord> rows) {
    Map<String, Long> markers = rows.stream().collect(Collectors.groupingBy(MergeStatusRecord::scraped, TreeMap::new,
        Collectors.counting()));
    CsvTable table = new CsvTable("scraped_marker", "status_label", "prs");
    markers.forEach((marker, n) -> table.add(marker, MergeStatusRecord.labelOf(marker), n));
    return table;
  }

  private static Optional<CsvTable> partialCrawls(StudyData.BotPrData bot) {
    Set<String> scraped = bot.mergeStatus2024().map(rows -> rows.stream().map(MergeStatusRecord::prUrl)
        .collect(Collectors.toSet())).orElse(Set.of());
    CsvTable table = new CsvTable("file", "rows", "distinct_pr_pages", "distinct_models", "pages_in_2024_pr_set");
    bot.partialCrawls().forEach((name, urls) -> {
      Set<String> pages = urls.stream().map(BotPrUrls::withoutAnchor).collect(Collectors.toSet());
      long models = pages.stream().map(BotPrUrls::modelId).distinct().count();
      long inScraped = pages.stream().filter(scraped::contains).count();
      table.add(name, urls.size(), pages.size(), models, inScraped);
    });
    return table.rows().isEmpty() ? Optional.empty() : Optional.of(table);
  }

  /** Whether the stated 4-word threshold keeps a coded PR. */
  /** The code's criteria (cell 13), on a filtered row's own columns. */
  static boolean passesCode(RelevantBotPr pr) {
    return pr.numComments() >= 2 && pr.numAuthors() >= 2
        && pr.avgCommentSize() >= DiscussionActivity.CODE_MIN_AVERAGE_WORDS;
  }

  static boolean passesStated(RelevantBotPr pr) {
    return pr.numComments() >= 2 && pr.numAuthors() >= 2
        && pr.avgCommentSize() > DiscussionActivity.STATED_MIN_AVERAGE_WORDS;
  }
}
