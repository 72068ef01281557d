package org.modelevolution.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code SO_query_data.csv} (columns title, source, url, json_content) in file order. */
public final class StackOverflowPosts {
  public static final String FILE_NAME = "SO_query_data.csv";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StackOverflowPosts() {}

  /** The cache's rows: each post's key, source, type and its two relevance scores, in file order. */
  static List<List<String>> derive(Path file, StudyCache.PostScorer scorer) {
    List<StackOverflowPost> posts = read(file);
    List<double[]> scores = scorer.score(posts);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < posts.size(); i++) {
      StackOverflowPost p = posts.get(i);
      rows.add(List.of(org.modelevolution.perception.PostKey.of(p.itemType(), p.questionId(), p.creationDate()),
          p.source() == null ? "" : p.source(), p.itemType(), Double.toString(scores.get(i)[0]),
          Double.toString(scores.get(i)[1])));
    }
    return rows;
  }

  /** Reads the cache table back: the posts as the ranking needs them. */
  static List<ScoredPost> readCache(Path file) {
    return CsvColumns.readAll(file, List.of("key", "source", "item_type", "json_content_score", "title_and_body_score"))
        .stream().map(v -> new ScoredPost(v[0], v[1], v[2], Double.parseDouble(v[3]), Double.parseDouble(v[4])))
        .toList();
  }

  public static List<StackOverflowPost> read(Path file) {
    List<StackOverflowPost> posts = new ArrayList<>();
    for (CsvRecords.CsvRecord r : CsvRecords.readAll(file)) {
      String json = r.get("json_content");
      JsonNode item;
      try {
        item = JSON.readTree(json == null ? "" : json);
      } catch (IOException e) {
        throw new UncheckedIOException(file + " record " + r.number() + ": json_content is not JSON", e);
      }
      if (item == null || !item.isObject()) {
        throw new IllegalArgumentException(file + " record " + r.number() + ": json_content is not a JSON object");
      }
      posts.add(new StackOverflowPost(
          r.get("title"), r.get("source"), r.get("url"),
          item.path("item_type").asText(""), item.path("question_id").asLong(), item.path("creation_date").asLong(),
          item.path("body").asText(""), json));
    }
    return posts;
  }
}
