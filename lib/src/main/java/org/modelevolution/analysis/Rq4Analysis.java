package org.modelevolution.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.modelevolution.charts.FrequencyBarChart;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.perception.Category;
import org.modelevolution.perception.CochranSample;
import org.modelevolution.perception.CodedPost;
import org.modelevolution.perception.Coding;
import org.modelevolution.perception.CodingDatabase;
import org.modelevolution.perception.CodingSheet;
import org.modelevolution.perception.Concept;
import org.modelevolution.perception.HtmlText;
import org.modelevolution.perception.PostKey;
import org.modelevolution.perception.TfIdfRanker;
import org.modelevolution.study.StackOverflowPost;
import org.modelevolution.study.StackOverflowPosts;

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
 * <p>The study published no RQ4 table, so there is nothing to compare against:
 * {@link AnalysisResult#comparisons()} is empty. The final RQ4 also coded GitHub and Hugging Face
 * discussions, whose data and coding are Git LFS only.
 */
public final class Rq4Analysis {
  /** The study's relevance query. */
  public static final String QUERY = "model serialization safetensors";
  static final String DATABASE = "db_model_evolution.sqlite3";

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

  private final Path studyData;
  private List<StackOverflowPost> posts;
  private Optional<Coding> coding;

  private Rq4Analysis(Path studyData) {
    this.studyData = studyData;
  }

  public static Rq4Analysis of(Path studyData) {
    return new Rq4Analysis(studyData);
  }

  public static Rq4Analysis of(ProjectLayout layout) {
    return of(layout.studyData());
  }

  /** The posts of {@code SO_query_data.csv} in file order. */
  public synchronized List<StackOverflowPost> posts() {
    if (posts == null) {
      posts = StackOverflowPosts.read(studyData.resolve(StackOverflowPosts.FILE_NAME));
    }
    return posts;
  }

  /** The coding database's content, when the file is present. */
  public synchronized Optional<Coding> coding() {
    if (coding == null) {
      Path db = studyData.resolve(DATABASE);
      coding = Files.isRegularFile(db) ? Optional.of(CodingDatabase.read(db)) : Optional.empty();
    }
    return coding;
  }

  /** The text of a post that is vectorised. */
  public static String text(StackOverflowPost post, TextField field) {
    return switch (field) {
      case TITLE_AND_BODY -> HtmlText.toPlainText(post.title()) + "\n" + HtmlText.toPlainText(post.body());
      case JSON_CONTENT -> post.json();
    };
  }

  /** Cochran's sample size for the posts. */
  public int sampleSize() {
    return CochranSample.STUDY.size(posts().size());
  }

  /** The posts by relevance to {@link #QUERY}, best first; ties keep the file order. */
  public List<RankedPost> ranking(TextField field) {
    List<StackOverflowPost> all = posts();
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

  public List<RankedPost> ranking() {
    return ranking(TextField.TITLE_AND_BODY);
  }

  /** The first {@code top} posts of the ranking as a printable table. */
  public CsvTable rankingTable(int top) {
    // Ranks and scores only: titles and URLs are the study's data rows and stay out of committed output.
    CsvTable table = new CsvTable("rank", "relevance", "sampled", "item_type");
    ranking().stream().limit(top).forEach(r -> table.add(r.rank(), PythonFormat.fixed(r.relevance(), 4),
        r.sampled() ? "yes" : "no", r.post().itemType()));
    return table;
  }

  /** Posts per code (all 18 codes, zeros included): most frequent first, then by name. */
  public Map<String, Long> codeFrequencies() {
    Coding c = coding().orElseThrow(() -> new IllegalStateException("no coding database in " + studyData));
    Map<Long, Long> byId = new HashMap<>();
    c.posts().forEach(p -> p.conceptIds().forEach(id -> byId.merge(id, 1L, Long::sum)));
    Map<String, Long> frequencies = new LinkedHashMap<>();
    c.concepts().stream()
        .sorted(Comparator.comparingLong((Concept k) -> -byId.getOrDefault(k.id(), 0L)).thenComparing(Concept::name))
        .forEach(k -> frequencies.put(k.name(), byId.getOrDefault(k.id(), 0L)));
    return frequencies;
  }

  /** The RQ4 numbers as a {@code metric,value} table. */
  public MetricsTable stats() {
    MetricsTable stats = new MetricsTable();
    List<StackOverflowPost> all = posts();
    stats.put("Stack Overflow posts (SO_query_data.csv)", all.size());
    stats.put("Stack Overflow questions", all.stream().filter(p -> "question".equals(p.itemType())).count());
    stats.put("Stack Overflow answers", all.stream().filter(p -> "answer".equals(p.itemType())).count());
    stats.put("Cochran sample size (95% confidence, 5% margin of error, p=0.5)", sampleSize());
    coding().ifPresent(c -> {
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
      List<RankedPost> ranking = ranking();
      stats.put("SO_query_data.csv posts found in the coding database",
          ranking.stream().filter(r -> byKey.containsKey(r.key())).count());
      stats.put("True positives among the sampled posts", ranking.stream()
          .filter(r -> r.sampled() && isTruePositive(byKey.get(r.key()))).count());
      stats.put("True positives among the posts not sampled", ranking.stream()
          .filter(r -> !r.sampled() && isTruePositive(byKey.get(r.key()))).count());
    });
    List<RankedPost> byText = ranking(TextField.TITLE_AND_BODY);
    Set<String> sampledByText = new HashSet<>();
    byText.stream().filter(RankedPost::sampled).forEach(r -> sampledByText.add(r.key()));
    long shared = ranking(TextField.JSON_CONTENT).stream()
        .filter(r -> r.sampled() && sampledByText.contains(r.key())).count();
    stats.put("Sampled posts shared by the title+body and the JSON-text rankings", shared);
    return stats;
  }

  /** Writes the tables, the coding sheet and the code-frequency chart into {@code outDir}. */
  public AnalysisResult writeTo(Path outDir) {
    List<Path> tables = new ArrayList<>();
    List<Path> figures = new ArrayList<>();
    Path statsFile = outDir.resolve("rq4_perception_stats.csv");
    stats().write(statsFile);
    tables.add(statsFile);

    CsvTable perSource = new CsvTable("input", "source", "posts");
    Map<String, Long> soSources = new LinkedHashMap<>();
    posts().forEach(p -> soSources.merge(p.source(), 1L, Long::sum));
    soSources.forEach((s, n) -> perSource.add(StackOverflowPosts.FILE_NAME, s, n));
    coding().ifPresent(c -> c.postsPerSource().forEach((s, n) -> perSource.add(DATABASE, s, n)));
    tables.add(perSource.write(outDir.resolve("rq4_posts_per_source.csv")));

    Map<String, CodedPost> byKey = coding().map(Rq4Analysis::postsByKey).orElse(Map.of());
    Map<Long, String> conceptNames = new HashMap<>();
    coding().ifPresent(c -> c.concepts().forEach(k -> conceptNames.put(k.id(), k.name())));
    for (TextField field : TextField.values()) {
      CsvTable ranking = new CsvTable("rank", "relevance", "sampled", "key", "item_type", "url", "title", "post_id",
          "is_true_positive");
      for (RankedPost r : ranking(field)) {
        CodedPost coded = byKey.get(r.key());
        ranking.add(r.rank(), PythonFormat.repr(r.relevance()), r.sampled() ? 1 : 0, r.key(), r.post().itemType(),
            r.post().url(), HtmlText.toPlainText(r.post().title()), coded == null ? "" : coded.id(), verdict(coded));
      }
      String name = field == TextField.TITLE_AND_BODY ? "rq4_so_ranking.csv" : "rq4_so_ranking_json_content.csv";
      tables.add(ranking.write(outDir.resolve(name)));
    }

    List<CodingSheet.Row> sheet = new ArrayList<>();
    for (RankedPost r : ranking()) {
      CodedPost coded = byKey.get(r.key());
      sheet.add(new CodingSheet.Row(r.rank(), PythonFormat.repr(r.relevance()), r.sampled(), r.key(),
          coded == null ? null : coded.id(), r.post().source(), r.post().itemType(), r.post().url(),
          HtmlText.toPlainText(r.post().title()),
          HtmlText.toPlainText(r.post().body()), coded == null ? null : coded.isTruePositive(),
          coded == null ? List.of() : coded.conceptIds().stream().map(conceptNames::get).toList(),
          coded == null ? "" : coded.comments()));
    }
    tables.add(CodingSheet.export(sheet, outDir.resolve("rq4_coding_sheet.csv")));

    coding().ifPresent(c -> {
      Map<String, Long> frequencies = codeFrequencies();
      Map<Long, Long> truePositiveLinks = new HashMap<>();
      c.posts().stream().filter(p -> Boolean.TRUE.equals(p.isTruePositive()))
          .forEach(p -> p.conceptIds().forEach(id -> truePositiveLinks.merge(id, 1L, Long::sum)));
      CsvTable codes = new CsvTable("code", "description", "posts", "true_positive_posts");
      frequencies.forEach((name, n) -> {
        Concept k = c.conceptNamed(name).orElseThrow();
        codes.add(name, k.description(), n, truePositiveLinks.getOrDefault(k.id(), 0L));
      });
      tables.add(codes.write(outDir.resolve("rq4_code_frequencies.csv")));
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
      tables.add(categories.write(outDir.resolve("rq4_category_frequencies.csv")));
      figures.addAll(FrequencyBarChart.save("Stack Overflow posts per code (coding database, "
              + c.codedPosts() + " coded posts)", "code", "posts", frequencies, outDir, "RQ4CodeFrequencies"));
    });
    List<Path> inputs = new ArrayList<>(List.of(studyData.resolve(StackOverflowPosts.FILE_NAME)));
    coding().ifPresent(c -> inputs.add(studyData.resolve(DATABASE)));
    return new AnalysisResult(List.of(), inputs, tables, figures);
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
