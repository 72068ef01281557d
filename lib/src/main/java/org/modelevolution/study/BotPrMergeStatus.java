package org.modelevolution.study;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code sfconvertbot_merge_status.csv}, the older, smaller PR outcome table (8,333 PRs of
 * 2022-11 .. 2023-04 with a scraped status), the only surviving PR-level status data.
 */
public final class BotPrMergeStatus {
  public static final String FILE_NAME = "sfconvertbot_merge_status.csv";
  private static final List<String> COLUMNS = List.of("model_id", "pr_url", "time", "merged");

  private BotPrMergeStatus() {}

  public static List<MergeStatusRecord> read(Path file) {
    List<CsvRecords.CsvRecord> records = CsvRecords.readAll(file);
    if (!records.isEmpty() && !records.get(0).header().equals(COLUMNS)) {
      throw new IllegalArgumentException(file + ": unexpected columns " + records.get(0).header());
    }
    return records.stream()
        .map(r -> new MergeStatusRecord(r.get(0), r.get(1), r.get(2), r.get(3) == null ? "" : r.get(3)))
        .toList();
  }
}
