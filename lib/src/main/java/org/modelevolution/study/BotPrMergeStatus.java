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

  /** The cache's rows: model id, discussion number, time and marker (the URL is the id and the number). */
  static List<List<String>> derive(Path file) {
    return read(file).stream().map(r -> {
      List<String> url = BotPrUrls.split(r.prUrl());
      if (!url.get(0).equals(r.modelId()) || !url.get(2).isEmpty()) {
        throw new StudyDataException(FILE_NAME + ": the URL " + r.prUrl() + " is not a discussion of " + r.modelId());
      }
      return List.of(r.modelId(), url.get(1), r.time(), r.scraped());
    }).toList();
  }

  /** Reads the cache table back into the records. */
  static List<MergeStatusRecord> readCache(Path file) {
    return CsvColumns.readAll(file, List.of("model_id", "discussion", "time", "merged")).stream()
        .map(v -> new MergeStatusRecord(v[0], BotPrUrls.url(v[0], v[1], ""), v[2], v[3])).toList();
  }
}
