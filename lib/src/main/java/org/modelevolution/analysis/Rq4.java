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
import org.modelevolution.study.ScoredPost;
import org.modelevolution.study.StackOverflowPost;
import org.modelevolution.study.StackOverflowPosts;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFiles;

/**
 * RQ4: developers' perceptions, on what survives of the study's data: the Stack Overflow posts of
 * the September 2024 query ({@code SO_query_data.csv}) and the coding database
 * ({@code db_model_evolution.sqlite3}).
 *
 * <p>Steps, as the study's {@code scripts/analyze_devs_discussion.py} does them: score every post
 * by TF-IDF cosine similarity to the query {@value #QUERY} ({@link TfIdfRanker}) over the
 * {@code json_content} column (the whole Stack Exchange item as JSON text), sort by score
 * descending with pandas' default (unstable) quicksort, and take the first {@link CochranSample}
 * posts (95 % / 5 %) as the sample; then count true positives and the frequency of each code and
 * category in the coding. That ranking ({@link TextField#JSON_CONTENT}) is the primary one: the
 * coding sheet, the sample and the statistics follow it. A second ranking over each post's title
 * and body ({@link TextField#TITLE_AND_BODY}) is computed only to show how much the choice of text
 * matters; no file of the study states it.
 *
 * <p>The ranking needs per post only its key, its item type and its scores ({@link PostScore}),
 * no text: {@link #scores} computes them from the posts, and {@link #of(StudyData, List)} takes
 * them from elsewhere (e.g. a cache of derived data).
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
    /**
     * The study's: the {@code json_content} column, the whole Stack Exchange item as JSON text
     * (keys included), as {@code analyze_devs_discussion.py} vectorises it. The primary ranking.
     */
    JSON_CONTENT("the study's ranking (TF-IDF over json_content, analyze_devs_discussion.py)"),
    /** Title, a newline, and the body, HTML entities decoded: a variant that no study file states. */
    TITLE_AND_BODY("the title+body variant (not stated by the study)");

    private final String label;

    TextField(String label) {
      this.label = label;
    }

    /** How reports name the ranking over this text. */
    public String label() {
      return label;
    }
  }

  /** The ranking the study's code computes, which the sample, the coding sheet and the statistics follow. */
  public static final TextField PRIMARY = TextField.JSON_CONTENT;

  /**
   * What the ranking needs of one post of {@code SO_query_data.csv}: no text.
   *
   * @param key the post's {@link PostKey}
   * @param itemType {@code question} or {@code answer}
   * @param jsonContent cosine similarity of the post's {@code json_content} to {@link #QUERY}
   * @param titleAndBody cosine similarity of the post's title and body to {@link #QUERY}
   */
  public record PostScore(String key, String itemType, double jsonContent, double titleAndBody) {
    public double score(TextField field) {
      return field == TextField.JSON_CONTENT ? jsonContent : titleAndBody;
    }
  }

  /**
   * A post with its relevance rank.
   *
   * @param rank 1-based position after sorting
   * @param relevance the cosine similarity to {@link #QUERY}
   * @param sampled within the Cochran sample (the first {@code n} ranks)
   * @param key the post's {@link PostKey}
   * @param itemType {@code question} or {@code answer}
   * @param row the post's 0-based position in {@code SO_query_data.csv}
   */
  public record RankedPost(int rank, double relevance, boolean sampled, String key, String itemType, int row) {}

  private final List<PostScore> scores;
  private final List<StackOverflowPost> posts;
  /** Each post's source, in the posts' order (from the posts, or from the cache's scored posts). */
  private final List<String> sources;
  private final Optional<Coding> coding;

  private Rq4(List<PostScore> scores, List<StackOverflowPost> posts, List<String> sources, Optional<Coding> coding) {
    this.scores = scores;
    this.posts = posts;
    this.sources = sources;
    this.coding = coding;
  }

  /** RQ4 on the Stack Overflow posts and the coding database, as far as the data hold them. */
  public static Rq4Result of(StudyData data) {
    if (data.posts().isPresent()) {
      return of(data, scores(data.posts().get()));
    }
    // the committed cache keeps the scores the ranking needs, computed by scores() from the original's text
    return data.scoredPosts().map(cached -> of(data, cached.stream()
        .map(p -> new PostScore(p.key(), p.itemType(), p.jsonContentScore(), p.titleAndBodyScore())).toList()))
        .orElseGet(() -> Rq4Result.none(MethodFigureNumbers.of(data, "RQ4")));
  }

  /**
   * RQ4 with the posts' scores given (in {@code SO_query_data.csv}'s order). The posts themselves
   * ({@code data.posts()}) are used only for the coding sheet when at hand; they must then be the
   * posts the scores are of.
   *
   * @throws IllegalArgumentException when the posts at hand are not the scored ones
   */
  public static Rq4Result of(StudyData data, List<PostScore> scores) {
    List<StackOverflowPost> posts = data.posts().orElse(List.of());
    if (!posts.isEmpty()) {
      if (posts.size() != scores.size()) {
        throw new IllegalArgumentException(scores.size() + " scores for " + posts.size() + " posts");
      }
      for (int i = 0; i < posts.size(); i++) {
        if (!key(posts.get(i)).equals(scores.get(i).key())) {
          throw new IllegalArgumentException("post " + i + " is " + key(posts.get(i)) + ", its score is for "
              + scores.get(i).key());
        }
      }
    }
    List<String> sources = !posts.isEmpty() ? posts.stream().map(StackOverflowPost::source).toList()
        : data.scoredPosts().map(p -> p.stream().map(ScoredPost::source).toList()).orElse(List.of());
    Rq4 rq4 = new Rq4(List.copyOf(scores), posts, sources, data.coding());
    Map<TextField, List<RankedPost>> rankings = new java.util.EnumMap<>(TextField.class);
    for (TextField field : TextField.values()) {
      rankings.put(field, rq4.ranking(field));
    }
    Map<String, CodedPost> byKey = rq4.coding.map(Rq4::postsByKey).orElse(Map.of());
    return new Rq4Result(true, scores.size(), rq4.sampleSize(), rankings, rq4.stats(rankings), rq4.postsPerSource(),
        rq4.coding.map(c -> rq4.codeFrequencies(false)), rq4.coding.map(c -> rq4.codeFrequencies(true)),
        rq4.coding.map(rq4::codeTable), rq4.coding.map(Rq4::categoryTable), posts,
        rq4.codingSheet(rankings.get(PRIMARY), byKey), MethodFigureNumbers.of(data, "RQ4"), rq4.checks());
  }

  /** Every post's key, item type and relevance to {@link #QUERY} over each text, in the posts' order. */
  public static List<PostScore> scores(List<StackOverflowPost> posts) {
    Map<TextField, double[]> byField = new java.util.EnumMap<>(TextField.class);
    for (TextField field : TextField.values()) {
      byField.put(field, TfIdfRanker.fit(posts.stream().map(p -> text(p, field)).toList()).similarities(QUERY));
    }
    List<PostScore> scores = new ArrayList<>(posts.size());
    for (int i = 0; i < posts.size(); i++) {
      StackOverflowPost post = posts.get(i);
      scores.add(new PostScore(key(post), post.itemType(), byField.get(TextField.JSON_CONTENT)[i],
          byField.get(TextField.TITLE_AND_BODY)[i]));
    }
    return scores;
  }

  /** The text of a post that is vectorised. */
  public static String text(StackOverflowPost post, TextField field) {
    return switch (field) {
      case TITLE_AND_BODY -> HtmlText.toPlainText(post.title()) + "\n" + HtmlText.toPlainText(post.body());
      case JSON_CONTENT -> post.json();
    };
  }

  /**
   * The order of the study's {@code df.sort_values(by="cosine_similarity", ascending=False)}:
   * 0-based positions, best first; posts with equal scores in the order pandas' default quicksort
   * (numpy's introsort) puts them, which is not the file order.
   */
  public static int[] studyOrder(double[] scores) {
    return NumpyArgsort.pandasDescending(scores);
  }

  /** Cochran's sample size for the posts. */
  int sampleSize() {
    return CochranSample.STUDY.size(scores.size());
  }

  List<RankedPost> ranking(TextField field) {
    return ranking(scores, field);
  }

  /**
   * The posts by relevance to {@link #QUERY} over {@code field}, best first, in the study's order
   * ({@link #studyOrder}); the first {@link CochranSample#STUDY} posts are the sample.
   */
  public static List<RankedPost> ranking(List<PostScore> scores, TextField field) {
    double[] relevance = scores.stream().mapToDouble(s -> s.score(field)).toArray();
    int[] order = studyOrder(relevance);
    int sample = CochranSample.STUDY.size(scores.size());
    List<RankedPost> ranked = new ArrayList<>(order.length);
    for (int i = 0; i < order.length; i++) {
      PostScore post = scores.get(order[i]);
      ranked.add(new RankedPost(i + 1, relevance[order[i]], i < sample, post.key(), post.itemType(), order[i]));
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
    stats.put("Stack Overflow posts (SO_query_data.csv)", scores.size());
    stats.put("Stack Overflow questions", scores.stream().filter(p -> "question".equals(p.itemType())).count());
    stats.put("Stack Overflow answers", scores.stream().filter(p -> "answer".equals(p.itemType())).count());
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
      stats.put("SO_query_data.csv posts found in the coding database",
          scores.stream().filter(p -> byKey.containsKey(p.key())).count());
      for (TextField field : TextField.values()) {
        List<RankedPost> ranking = rankings.get(field);
        stats.put("True positives among the sampled posts, " + field.label(), ranking.stream()
            .filter(r -> r.sampled() && isTruePositive(byKey.get(r.key()))).count());
        stats.put("True positives among the posts not sampled, " + field.label(), ranking.stream()
            .filter(r -> !r.sampled() && isTruePositive(byKey.get(r.key()))).count());
      }
    });
    Set<String> sampledByStudy = new HashSet<>();
    rankings.get(PRIMARY).stream().filter(RankedPost::sampled).forEach(r -> sampledByStudy.add(r.key()));
    long shared = rankings.get(TextField.TITLE_AND_BODY).stream()
        .filter(r -> r.sampled() && sampledByStudy.contains(r.key())).count();
    stats.put("Sampled posts shared by the study's ranking and the title+body variant", shared);
    return stats;
  }

  /** Posts per source, in each input. */
  private CsvTable postsPerSource() {
    CsvTable perSource = new CsvTable("input", "source", "posts");
    Map<String, Long> soSources = new LinkedHashMap<>();
    sources.forEach(source -> soSources.merge(source, 1L, Long::sum));
    soSources.forEach((s, n) -> perSource.add(StackOverflowPosts.FILE_NAME, s, n));
    coding.ifPresent(c -> c.postsPerSource().forEach((s, n) -> perSource.add(StudyFiles.CODING_DATABASE, s, n)));
    return perSource;
  }

  /** Every code with its posts and its true-positive posts, most frequent first. */
  private CsvTable codeTable(Coding c) {
    Map<String, Long> truePositives = codeFrequencies(true);
    // no description column: the codebook's descriptions are free text (one quotes a post's title)
    CsvTable codes = new CsvTable("code", "posts", "true_positive_posts");
    codeFrequencies(false).forEach((name, n) -> {
      codes.add(name, n, truePositives.getOrDefault(name, 0L));
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

  /**
   * The coding sheet: every ranked post with its verdict and codes, for the next round of coding;
   * its url, title and text are empty when the posts' text is not at hand (scores given without the posts).
   */
  private List<CodingSheet.Row> codingSheet(List<RankedPost> ranking, Map<String, CodedPost> byKey) {
    Map<Long, String> conceptNames = new HashMap<>();
    coding.ifPresent(c -> c.concepts().forEach(k -> conceptNames.put(k.id(), k.name())));
    List<CodingSheet.Row> sheet = new ArrayList<>();
    for (RankedPost r : ranking) {
      CodedPost coded = byKey.get(r.key());
      // without the posts (scores from the cache) the sheet keeps its facts: url, title and text stay empty
      Optional<StackOverflowPost> post = posts.isEmpty() ? Optional.empty() : Optional.of(posts.get(r.row()));
      sheet.add(new CodingSheet.Row(r.rank(), PythonFormat.repr(r.relevance()), r.sampled(), r.key(),
          coded == null ? null : coded.id(), sources.get(r.row()), r.itemType(), post.map(StackOverflowPost::url).orElse(""),
          post.map(p -> HtmlText.toPlainText(p.title())).orElse(""),
          post.map(p -> HtmlText.toPlainText(p.body())).orElse(""), coded == null ? null : coded.isTruePositive(),
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
      long found = scores.stream().filter(p -> byKey.containsKey(p.key())).count();
      checks.add(new Check("RQ4", "every Stack Overflow post of the query is in the coding database",
          found == scores.size(), found + " of " + scores.size() + " posts found",
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
    c.posts().forEach(p -> byKey.putIfAbsent(p.key(), p));
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
