package org.modelevolution.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.modelevolution.perception.Category;
import org.modelevolution.perception.CodedPost;
import org.modelevolution.perception.Coding;
import org.modelevolution.perception.CodingDatabase;
import org.modelevolution.perception.Concept;

/**
 * The coding database ({@code db_model_evolution.sqlite3}) as cache tables: per post its id,
 * source, key, verdict and codes; the codes and the categories with their names. The posts' content
 * (the Stack Exchange item's text), the coders' notes and the codebook's free-text descriptions
 * (one quotes a post's title) are left out.
 */
final class CodingCache {
  static final String POSTS = "db_model_evolution.posts.csv";
  static final String CONCEPTS = "db_model_evolution.concepts.csv";
  static final String CATEGORIES = "db_model_evolution.categories.csv";
  static final List<String> POST_COLUMNS = List.of("id", "source", "key", "is_true_positive", "concept_ids");
  static final List<String> CONCEPT_COLUMNS = List.of("id", "name", "category_ids");
  static final List<String> CATEGORY_COLUMNS = List.of("id", "name", "parent_id");

  private CodingCache() {}

  /** The three tables' rows, by file. */
  static Map<String, List<List<String>>> derive(Path file) {
    Coding coding = CodingDatabase.read(file);
    List<List<String>> posts = new ArrayList<>();
    for (CodedPost p : coding.posts()) {
      posts.add(List.of(Long.toString(p.id()), p.source(), p.key(),
          p.isTruePositive() == null ? "" : p.isTruePositive() ? "1" : "0", ids(p.conceptIds())));
    }
    List<List<String>> concepts = new ArrayList<>();
    for (Concept k : coding.concepts()) {
      concepts.add(List.of(Long.toString(k.id()), k.name(), ids(k.categoryIds())));
    }
    List<List<String>> categories = new ArrayList<>();
    for (Category c : coding.categories()) {
      categories.add(List.of(Long.toString(c.id()), c.name(), c.parentId() == null ? "" : Long.toString(c.parentId())));
    }
    return Map.of(POSTS, posts, CONCEPTS, concepts, CATEGORIES, categories);
  }

  /** The coding as the cache holds it: posts without content or notes. */
  static Coding read(Path cache) {
    List<CodedPost> posts = CsvColumns.readAll(cache.resolve(POSTS), POST_COLUMNS).stream().map(v -> new CodedPost(
        Long.parseLong(v[0]), v[1], "", v[2], v[3].isEmpty() ? null : v[3].equals("1"), "", parseIds(v[4]))).toList();
    List<Concept> concepts = CsvColumns.readAll(cache.resolve(CONCEPTS), CONCEPT_COLUMNS).stream()
        .map(v -> new Concept(Long.parseLong(v[0]), v[1], "", parseIds(v[2]))).toList();
    List<Category> categories = CsvColumns.readAll(cache.resolve(CATEGORIES), CATEGORY_COLUMNS).stream()
        .map(v -> new Category(Long.parseLong(v[0]), v[1], "", v[2].isEmpty() ? null : Long.parseLong(v[2])))
        .toList();
    return new Coding(posts, concepts, categories);
  }

  private static String ids(List<Long> ids) {
    return String.join(";", ids.stream().map(String::valueOf).toList());
  }

  private static List<Long> parseIds(String ids) {
    return ids.isEmpty() ? List.of() : Arrays.stream(ids.split(";")).map(Long::parseLong).toList();
  }
}
