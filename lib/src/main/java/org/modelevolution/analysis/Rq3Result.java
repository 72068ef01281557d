package org.modelevolution.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.study.BotPrOutcome;

/**
 * RQ3: what happened to the SFConvertBot pull requests.
 *
 * @param stats {@code rq3_dataset_stats.csv} recomputed from the final PR table, when present
 * @param nov2024Stats the November 2024 step order ({@code rq4_dataset_stats.csv}), from the same table
 * @param distributions the status distribution of each of the study's three status figures, by figure file
 * @param responseMinutes time to the first non-bot status change per status label, in minutes (the study's unit)
 * @param relevant the PRs the study's code filter keeps (average comment size above 0 words)
 * @param relevantChecks checks of the study's 27 coded PRs against their own columns
 * @param prSet2024 the status distribution of the older 8,333-PR table (statuses scraped in 2024)
 * @param prSet2024Coverage its rows, those with a status, and the dates each year spans (partial years)
 * @param prSet2024Markers its status markers and how they map to labels
 * @param partialCrawls what the partial activity crawls hold
 * @param malformed PR pages whose JSON could not be parsed (URL: reason)
 * @param numbers every published RQ3 number, recomputed or with what it needs
 * @param checks consistency checks on the RQ3 inputs
 */
public record Rq3Result(
    Optional<MetricsTable> stats,
    Optional<MetricsTable> nov2024Stats,
    Map<String, StatusDistribution> distributions,
    Map<String, List<Double>> responseMinutes,
    List<BotPrOutcome> relevant,
    Optional<RelevantPrChecks> relevantChecks,
    Optional<StatusDistribution> prSet2024,
    Optional<PrSetCoverage> prSet2024Coverage,
    Optional<CsvTable> prSet2024Markers,
    Optional<CsvTable> partialCrawls,
    List<String> malformed,
    List<Recomputed> numbers,
    List<Check> checks) {

  public Rq3Result {
    distributions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(distributions));
    responseMinutes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(responseMinutes));
    relevant = List.copyOf(relevant);
    malformed = List.copyOf(malformed);
    numbers = List.copyOf(numbers);
    checks = List.copyOf(checks);
  }

  /** The time to first response per status: count, quartiles, extremes and mean, in minutes. */
  public CsvTable responseSummary() {
    CsvTable summary = new CsvTable("status", "prs_with_response", "min_minutes", "q1_minutes", "median_minutes",
        "q3_minutes", "max_minutes", "mean_minutes");
    responseMinutes.forEach((status, values) -> {
      double[] sorted = Quantiles.sorted(values);
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      summary.add(status, values.size(), fixed4(sorted.length == 0 ? Double.NaN : sorted[0]),
          fixed4(Quantiles.of(sorted, 0.25)), fixed4(Quantiles.of(sorted, 0.5)), fixed4(Quantiles.of(sorted, 0.75)),
          fixed4(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]), fixed4(mean));
    });
    return summary;
  }

  private static String fixed4(double value) {
    return Double.isNaN(value) ? "" : PythonFormat.fixed(value, 4);
  }

  Rq3Result withNumbers(List<Recomputed> numbers, List<Check> checks) {
    return new Rq3Result(stats, nov2024Stats, distributions, responseMinutes, relevant, relevantChecks, prSet2024,
        prSet2024Coverage, prSet2024Markers, partialCrawls, malformed, numbers, checks);
  }
}
