package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.modelevolution.perception.Category;
import org.modelevolution.perception.CochranSample;
import org.modelevolution.perception.CodedPost;
import org.modelevolution.perception.Coding;
import org.modelevolution.perception.CodingSheet;
import org.modelevolution.perception.Concept;
import org.modelevolution.perception.HtmlText;
import org.modelevolution.perception.PostKey;
import org.modelevolution.perception.TfIdfRanker;
import org.modelevolution.study.StackOverflowPost;
import org.modelevolution.study.StackOverflowPosts;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFiles;

/**
 * RQ4: developers' perceptions, on what survives of the study's data: the Stack Overflow posts of
 * the September 2024 query ({@code SO_query_data.csv}) and the coding database
 * ({@code db_model_evolution.sqlite3}).
 *
 * <p>Steps, as in the study: rank the posts by TF-IDF cosine similarity to the query
 * {@value #QUERY} ({@link TfIdfRanker}); take the top {@link CochranSample} posts (95 % / 5 %) as
 * the sample and mark the rest not sampled; count true positives and the frequency of each code
 * and category in the coding. The text of a post is its title and its body (HTML entities
 * decoded): that is what a reader judges. The study's ranking script vectorised one text column
 * of its CSV (for GitHub the whole {@code json content}); the ranking on the raw JSON text of
 * each item is written alongside for comparison ({@code rq4_so_ranking_json_content.csv}).
 *
 * <p>The study published no RQ4 table, so there is nothing to compare against: the result holds
 * consistency checks only. The final RQ4 also coded GitHub and Hugging Face discussions, whose data
 * and coding are Git LFS only.
 */
public final class Rq4 {
  /** The study's relevance query. */
  public static final String QUERY = "model serialization safetensors";

  /** Which text of a post is vectorised. */
  public enum TextField {
    /** Title, a newline, and the body, HTML entities decoded (the default). */
    TITLE_AND_BODY,
    /** The whole Stack Exchange item as JSON text, keys included (closest to the study's GitHub step). */
    JSON_CONTENT
  }

  /**
   * A post with its relevance rank.
   *
   * @param rank 1-based position after sorting
   * @param sampled within the Cochran sample (the first {@code n} ranks)
   * @param key the post's {@link PostKey}
   */
  public record RankedPost(int rank, double relevance, boolean sampled, String key, StackOverflowPost post) {}

  private final List<StackOverflowPost> posts;
  private final Optional<Coding> coding;

  private Rq4(List<StackOverflowPost> posts, Optional<Coding> coding) {
    this.posts = posts;
    this.coding = coding;
  }

  /** RQ4 on the Stack Overflow posts and the coding database, as far as the data hold them. */
  public static Rq4Result of(StudyData data) {
    if (data.posts().isEmpty()) {
      return Rq4Result.none();
    }
    Rq4 rq4 = new Rq4(data.posts().get(), data.coding());
    Map<TextField, List<RankedPost>> rankings = new java.util.EnumMap<>(TextField.class);
    for (TextField field : TextField.values()) {
      rankings.put(field, rq4.ranking(field));
    }
    Map<String, CodedPost> byKey = rq4.coding.map(Rq4::postsByKey).orElse(Map.of());
    return new Rq4Result(true, rq4.posts.size(), rq4.sampleSize(), rankings, rq4.stats(rankings), rq4.postsPerSource(),
        rq4.coding.map(c -> rq4.codeFrequencies(false)), rq4.coding.map(c -> rq4.codeFrequencies(true)),
        rq4.coding.map(rq4::codeTable), rq4.coding.map(Rq4::categoryTable),
        rq4.codingSheet(rankings.get(TextField.TITLE_AND_BODY), byKey), rq4.checks());
  }

  /** The text of a post that is vectorised. */
  public static String text(StackOverflowPost post, TextField field) {
    return switch (field) {
      case TITLE_AND_BODY -> HtmlText.toPlainText(post.title()) + "\n" + HtmlText.toPlainText(post.body());
      case JSON_CONTENT -> post.json();
    };
  }

  /** Cochran's sample size for the posts. */
  int sampleSize() {
    return CochranSample.STUDY.size(posts.size());
  }

  /** The posts by relevance to {@link #QUERY}, best first; ties keep the file order. */
  List<RankedPost> ranking(TextField field) {
    List<StackOverflowPost> all = posts;
    TfIdfRanker ranker = TfIdfRanker.fit(all.stream().map(p -> text(p, field)).toList());
    int sample = sampleSize();
    List<RankedPost> ranked = new ArrayList<>();
    List<TfIdfRanker.Scored> scores = ranker.rank(QUERY);
    for (int i = 0; i < scores.size(); i++) {
      StackOverflowPost post = all.get(scores.get(i).index());
      ranked.add(new RankedPost(i + 1, scores.get(i).score(), i < sample, key(post), post));
    }
    return ranked;
  }

  /**
   * Posts per code (all 18 codes, zeros included): most frequent first, then by name; all coded
   * posts, or only those judged true positives.
   */
  Map<String, Long> codeFrequencies(boolean truePositivesOnly) {
    Coding c = coding.orElseThrow();
    Map<Long, Long> byId = new HashMap<>();
    c.posts().stream().filter(p -> !truePositivesOnly || Boolean.TRUE.equals(p.isTruePositive()))
        .forEach(p -> p.conceptIds().forEach(id -> byId.merge(id, 1L, Long::sum)));
    Map<String, Long> frequencies = new LinkedHashMap<>();
    c.concepts().stream()
        .sorted(Comparator.comparingLong((Concept k) -> -byId.getOrDefault(k.id(), 0L)).thenComparing(Concept::name))
        .forEach(k -> frequencies.put(k.name(), byId.getOrDefault(k.id(), 0L)));
    return frequencies;
  }

  /** The RQ4 numbers as a {@code metric,value} table. */
  MetricsTable stats(Map<TextField, List<RankedPost>> rankings) {
    MetricsTable stats = new MetricsTable();
    List<StackOverflowPost> all = posts;
    stats.put("Stack Overflow posts (SO_query_data.csv)", all.size());
    stats.put("Stack Overflow questions", all.stream().filter(p -> "question".equals(p.itemType())).count());
    stats.put("Stack Overflow answers", all.stream().filter(p -> "answer".equals(p.itemType())).count());
    stats.put("Cochran sample size (95% confidence, 5% margin of error, p=0.5)", sampleSize());
    coding.ifPresent(c -> {
      stats.put("Posts in the coding database", c.posts().size());
      c.postsPerSource().forEach((source, n) -> stats.put("Posts in the coding database from " + source, n));
      stats.put("True positives", c.truePositives());
      stats.put("False positives", c.falsePositives());
      stats.put("Posts not judged", c.posts().size() - c.truePositives() - c.falsePositives());
      stats.put("Codes", c.concepts().size());
      stats.put("Post-code links", c.links());
      stats.put("Posts with codes", c.codedPosts());
      stats.put("True positives with codes",
          c.posts().stream().filter(p -> Boolean.TRUE.equals(p.isTruePositive()) && !p.conceptIds().isEmpty()).count());
      stats.put("False positives with codes",
          c.posts().stream().filter(p -> Boolean.FALSE.equals(p.isTruePositive()) && !p.conceptIds().isEmpty()).count());
      stats.put("Categories", c.categories().size());
      stats.put("Code-category links", c.concepts().stream().mapToLong(k -> k.categoryIds().size()).sum());
      Map<String, CodedPost> byKey = postsByKey(c);
      List<RankedPost> ranking = rankings.get(TextField.TITLE_AND_BODY);
      stats.put("SO_query_data.csv posts found in the coding database",
          ranking.stream().filter(r -> byKey.containsKey(r.key())).count());
      stats.put("True positives among the sampled posts", ranking.stream()
          .filter(r -> r.sampled() && isTruePositive(byKey.get(r.key()))).count());
      stats.put("True positives among the posts not sampled", ranking.stream()
          .filter(r -> !r.sampled() && isTruePositive(byKey.get(r.key()))).count());
    });
    List<RankedPost> byText = rankings.get(TextField.TITLE_AND_BODY);
    Set<String> sampledByText = new HashSet<>();
    byText.stream().filter(RankedPost::sampled).forEach(r -> sampledByText.add(r.key()));
    long shared = rankings.get(TextField.JSON_CONTENT).stream()
        .filter(r -> r.sampled() && sampledByText.contains(r.key())).count();
    stats.put("Sampled posts shared by the title+body and the JSON-text rankings", shared);
    return stats;
  }

  /** Posts per source, in each input. */
  private CsvTable postsPerSource() {
    CsvTable perSource = new CsvTable("input", "source", "posts");
    Map<String, Long> soSources = new LinkedHashMap<>();
    posts.forEach(p -> soSources.merge(p.source(), 1L, Long::sum));
    soSources.forEach((s, n) -> perSource.add(StackOverflowPosts.FILE_NAME, s, n));
    coding.ifPresent(c -> c.postsPerSource().forEach((s, n) -> perSource.add(StudyFiles.CODING_DATABASE, s, n)));
    return perSource;
  }

  /** Every code with its description, its posts and its true-positive posts, most frequent first. */
  private CsvTable codeTable(Coding c) {
    Map<String, Long> truePositives = codeFrequencies(true);
    CsvTable codes = new CsvTable("code", "description", "posts", "true_positive_posts");
    codeFrequencies(false).forEach((name, n) -> {
      Concept k = c.conceptNamed(name).orElseThrow();
      codes.add(name, k.description(), n, truePositives.getOrDefault(name, 0L));
    });
    return codes;
  }

  private static CsvTable categoryTable(Coding c) {
    CsvTable categories = new CsvTable("category", "parent", "codes", "posts");
    for (Category category : c.categories()) {
      Set<Long> posts = new HashSet<>();
      long codesIn = c.concepts().stream().filter(k -> k.categoryIds().contains(category.id())).count();
      c.posts().forEach(p -> p.conceptIds().forEach(id -> c.concept(id)
          .filter(k -> k.categoryIds().contains(category.id())).ifPresent(k -> posts.add(p.id()))));
      String parent = category.parentId() == null ? "" : c.categories().stream()
          .filter(x -> x.id() == category.parentId()).map(Category::name).findFirst().orElse("");
      categories.add(category.name(), parent, codesIn, posts.size());
    }
    return categories;
  }

  /** The coding sheet: every ranked post with its verdict and codes, for the next round of coding. */
  private List<CodingSheet.Row> codingSheet(List<RankedPost> ranking, Map<String, CodedPost> byKey) {
    Map<Long, String> conceptNames = new HashMap<>();
    coding.ifPresent(c -> c.concepts().forEach(k -> conceptNames.put(k.id(), k.name())));
    List<CodingSheet.Row> sheet = new ArrayList<>();
    for (RankedPost r : ranking) {
      CodedPost coded = byKey.get(r.key());
      sheet.add(new CodingSheet.Row(r.rank(), PythonFormat.repr(r.relevance()), r.sampled(), r.key(),
          coded == null ? null : coded.id(), r.post().source(), r.post().itemType(), r.post().url(),
          HtmlText.toPlainText(r.post().title()),
          HtmlText.toPlainText(r.post().body()), coded == null ? null : coded.isTruePositive(),
          coded == null ? List.of() : coded.conceptIds().stream().map(conceptNames::get).toList(),
          coded == null ? "" : coded.comments()));
    }
    return sheet;
  }

  /** The coding database against the posts it was drawn from. */
  private List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    coding.ifPresent(c -> {
      Map<String, CodedPost> byKey = postsByKey(c);
      long found = posts.stream().filter(p -> byKey.containsKey(key(p))).count();
      checks.add(new Check("RQ4", "every Stack Overflow post of the query is in the coding database",
          found == posts.size(), found + " of " + posts.size() + " posts found",
          List.of(StackOverflowPosts.FILE_NAME, StudyFiles.CODING_DATABASE)));
      long dangling = c.posts().stream().flatMap(p -> p.conceptIds().stream()).filter(id -> c.concept(id).isEmpty())
          .count();
      checks.add(new Check("RQ4", "every post-code link names a code of the database", dangling == 0,
          dangling + " of " + c.links() + " links dangle", List.of(StudyFiles.CODING_DATABASE)));
    });
    return checks;
  }

  private static Map<String, CodedPost> postsByKey(Coding c) {
    Map<String, CodedPost> byKey = new HashMap<>();
    c.posts().forEach(p -> byKey.putIfAbsent(PostKey.ofJson(p.content()), p));
    return byKey;
  }

  private static boolean isTruePositive(CodedPost post) {
    return post != null && Boolean.TRUE.equals(post.isTruePositive());
  }

  private static String verdict(CodedPost post) {
    return post == null || post.isTruePositive() == null ? "" : post.isTruePositive() ? "1" : "0";
  }

  private static String key(StackOverflowPost post) {
    return PostKey.of(post.itemType(), post.questionId(), post.creationDate());
  }
}
