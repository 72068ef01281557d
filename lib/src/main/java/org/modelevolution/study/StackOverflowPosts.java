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
