package org.modelevolution.study;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the study's safetensors-addition files ({@code safetensors_commits_[not_]by_tool_*.csv}):
 * its rows, and what the rows say about the file itself, for the consistency checks of the
 * reproduction (every row an added safetensors file, {@code elapsed_days} agreeing with the date,
 * the converter's text exactly on the converter's file).
 *
 * @param name the study's file name
 * @param byConverter whether this is a converter file ({@code by_tool}) or a developer file
 * @param rows the additions, in file order
 * @param notSafetensors rows whose {@code serialization_format} is not {@code safetensors}
 * @param notAdded rows whose {@code change_status} is not {@code +} or that are not in their commit
 * @param elapsedDaysMismatch rows whose {@code elapsed_days} is not the whole days from the
 *     reference date to {@code date}
 * @param wrongKind rows whose message does (developer file) or does not (converter file) carry the
 *     converter's text
 */
public record AdditionFile(String name, boolean byConverter, List<SafetensorsAddition> rows, long notSafetensors,
    long notAdded, long elapsedDaysMismatch, long wrongKind) {

  /** The columns read from an original; the cache has {@code by_converter} in place of {@code message}. */
  static final List<String> ORIGINAL_COLUMNS = List.of(
      "repo_url", "commit_hash", "model_file_path", "serialization_format", "message", "date", "is_in_commit",
      "change_status", "elapsed_days");
  private static final List<String> CACHE_COLUMNS = List.of(
      "repo_url", "commit_hash", "model_file_path", "serialization_format", "by_converter", "date", "is_in_commit",
      "change_status", "elapsed_days");

  public AdditionFile {
    rows = List.copyOf(rows);
  }

  /** Reads the original {@code file}, whose {@code elapsed_days} count from {@code reference}. */
  static Inputs.Parsed<AdditionFile> read(Path file, boolean byConverter, LocalDate reference) {
    return read(file, file.getFileName().toString(), byConverter, reference, false);
  }

  /** Reads the cache table {@code file} of the original {@code name} (see {@link StudyCache}). */
  static AdditionFile readCache(Path file, String name, boolean byConverter, LocalDate reference) {
    return read(file, name, byConverter, reference, true).value();
  }

  private static Inputs.Parsed<AdditionFile> read(Path file, String name, boolean byConverter, LocalDate reference,
      boolean cache) {
    List<SafetensorsAddition> rows = new ArrayList<>();
    long[] counts = new long[4];
    String sha = CsvColumns.forEach(file, cache ? CACHE_COLUMNS : ORIGINAL_COLUMNS, v -> {
      LocalDateTime date;
      try {
        date = CommitTime.parse(v[5]);
      } catch (StudyDataException e) {
        throw new CsvColumns.FieldException(5, e.getMessage(), e);
      }
      boolean converter;
      try {
        converter = cache ? StudyCache.parseFlag(v[4]) : SafetensorsAddition.isConverterMessage(v[4]);
      } catch (IllegalArgumentException e) {
        throw new CsvColumns.FieldException(4, e.getMessage(), e);
      }
      rows.add(new SafetensorsAddition(v[0], v[1], date, converter));
      if (!"safetensors".equals(v[3])) {
        counts[0]++;
      }
      if (!"+".equals(v[7]) || !"True".equals(v[6])) {
        counts[1]++;
      }
      if (!v[8].equals(Long.toString(CommitTime.elapsedDays(reference, date)))) {
        counts[2]++;
      }
      if (converter != byConverter) {
        counts[3]++;
      }
    });
    return new Inputs.Parsed<>(new AdditionFile(name, byConverter, rows, counts[0],
        counts[1], counts[2], counts[3]), sha);
  }
}
