package org.modelevolution.perception;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a coding database: posts with their verdicts and codes, the codes and the
 * categories, ordered by id.
 */
public record Coding(List<CodedPost> posts, List<Concept> concepts, List<Category> categories) {
  public Coding {
    posts = List.copyOf(posts);
    concepts = List.copyOf(concepts);
    categories = List.copyOf(categories);
  }

  public long truePositives() {
    return posts.stream().filter(p -> Boolean.TRUE.equals(p.isTruePositive())).count();
  }

  public long falsePositives() {
    return posts.stream().filter(p -> Boolean.FALSE.equals(p.isTruePositive())).count();
  }

  /** Number of post-to-code links. */
  public long links() {
    return posts.stream().mapToLong(p -> p.conceptIds().size()).sum();
  }

  /** Posts with at least one code. */
  public long codedPosts() {
    return posts.stream().filter(p -> !p.conceptIds().isEmpty()).count();
  }

  public Optional<Concept> concept(long id) {
    return concepts.stream().filter(c -> c.id() == id).findFirst();
  }

  public Optional<Concept> conceptNamed(String name) {
    return concepts.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Posts per source, sources in first-appearance order. */
  public Map<String, Long> postsPerSource() {
    Map<String, Long> counts = new LinkedHashMap<>();
    posts.forEach(p -> counts.merge(p.source(), 1L, Long::sum));
    return counts;
  }
}
