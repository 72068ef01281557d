package org.modelevolution.study;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads {@code sfconvertbot_pr_metadata_filtered.csv}, the 27 PRs the study coded qualitatively. */
public final class RelevantBotPrs {
  public static final String FILE_NAME = "sfconvertbot_pr_metadata_filtered.csv";

  private RelevantBotPrs() {}

  public static List<RelevantBotPr> read(Path file) {
    return CsvRecords.readAll(file).stream().map(r -> new RelevantBotPr(
            Integer.parseInt(r.get(0)),
            r.get("source"),
            r.get("title"),
            r.get("url"),
            Double.parseDouble(r.get("num_comments")),
            Double.parseDouble(r.get("num_authors")),
            Double.parseDouble(r.get("avg_comment_size")),
            r.get("authors") == null || r.get("authors").isEmpty()
                ? List.of() : Arrays.asList(r.get("authors").split(";"))))
        .toList();
  }
}
