package org.modelevolution.study;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads {@code sfconvertbot_pr_metadata_filtered.csv}, the 27 PRs the study coded qualitatively. */
public final class RelevantBotPrs {
  public static final String FILE_NAME = "sfconvertbot_pr_metadata_filtered.csv";
  private static final List<String> CACHE_COLUMNS = List.of("index", "source", "url", "num_comments", "num_authors",
      "avg_comment_size", "authors", "title_opener", "title_model_id");

  private RelevantBotPrs() {}

  public static List<RelevantBotPr> read(Path file) {
    return derive(file).stream().map(RelevantBotPrs::row).toList();
  }

  /** The cache's rows: every column as in the original but the title, which becomes the opener and model id it names. */
  static List<List<String>> derive(Path file) {
    return CsvRecords.readAll(file).stream().map(r -> {
      String title = r.get("title") == null ? "" : r.get("title");
      return Arrays.asList(r.get(0), r.get("source"), r.get("url"), r.get("num_comments"), r.get("num_authors"),
          r.get("avg_comment_size"), r.get("authors") == null ? "" : r.get("authors"), RelevantBotPr.openerOf(title),
          RelevantBotPr.modelIdOf(title));
    }).toList();
  }

  /** Reads the cache table back into the rows. */
  static List<RelevantBotPr> readCache(Path file) {
    return CsvColumns.readAll(file, CACHE_COLUMNS).stream().map(v -> row(Arrays.asList(v))).toList();
  }

  private static RelevantBotPr row(List<String> v) {
    return new RelevantBotPr(Integer.parseInt(v.get(0)), v.get(1), v.get(2), Double.parseDouble(v.get(3)),
        Double.parseDouble(v.get(4)), Double.parseDouble(v.get(5)),
        v.get(6).isEmpty() ? List.of() : Arrays.asList(v.get(6).split(";")), v.get(7), v.get(8));
  }
}
