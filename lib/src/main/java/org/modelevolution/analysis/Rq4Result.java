package org.modelevolution.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.perception.CodingSheet;
import org.modelevolution.study.StackOverflowPost;

/**
 * RQ4: developers' perceptions, on the Stack Overflow posts of the September 2024 query and the
 * coding database of that iteration.
 *
 * @param available whether the Stack Overflow posts were at hand (everything else is empty without them)
 * @param posts the number of posts
 * @param sampleSize Cochran's sample size for them (95% confidence, 5% margin)
 * @param rankings the posts by TF-IDF relevance to the study's query, per vectorised text;
 *     {@link Rq4#PRIMARY} is the study's
 * @param stats the RQ4 numbers as a {@code metric,value} table
 * @param postsPerSource posts per source, in each input
 * @param codeFrequencies posts per code over every coded post (false positives included)
 * @param truePositiveCodeFrequencies posts per code over the posts judged true positives
 * @param codes every code with both counts (not its codebook description, which is free text)
 * @param categories every category with its codes and posts
 * @param postRows the posts of {@code SO_query_data.csv} in file order, when their text was at hand
 *     (empty when the scores came without them); {@link Rq4.RankedPost#row} indexes them
 * @param codingSheet the coding sheet rows (ranked posts with their verdicts and codes)
 * @param numbers the RQ4 numbers the study published (its method figure's), recomputed or with what they need
 * @param checks consistency checks on the RQ4 inputs
 */
public record Rq4Result(
    boolean available,
    int posts,
    int sampleSize,
    Map<Rq4.TextField, List<Rq4.RankedPost>> rankings,
    MetricsTable stats,
    CsvTable postsPerSource,
    Optional<Map<String, Long>> codeFrequencies,
    Optional<Map<String, Long>> truePositiveCodeFrequencies,
    Optional<CsvTable> codes,
    Optional<CsvTable> categories,
    List<StackOverflowPost> postRows,
    List<CodingSheet.Row> codingSheet,
    List<Recomputed> numbers,
    List<Check> checks) {

  public Rq4Result {
    rankings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rankings));
    postRows = List.copyOf(postRows);
    codingSheet = List.copyOf(codingSheet);
    numbers = List.copyOf(numbers);
    checks = List.copyOf(checks);
  }

  static Rq4Result none(List<Recomputed> numbers) {
    return new Rq4Result(false, 0, 0, Map.of(), new MetricsTable(), new CsvTable("input", "source", "posts"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), numbers,
        List.of());
  }

  /** The first {@code top} posts of the study's ranking: ranks and scores only (titles are study rows). */
  public CsvTable rankingTable(int top) {
    CsvTable table = new CsvTable("rank", "relevance", "sampled", "item_type");
    rankings.getOrDefault(Rq4.PRIMARY, List.of()).stream().limit(top).forEach(r -> table.add(
        r.rank(), PythonFormat.fixed(r.relevance(), 4), r.sampled() ? "yes" : "no", r.itemType()));
    return table;
  }
}
