package org.modelevolution.study;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a per-commit, per-model-file format table ({@code repositories_evolution_{group}_commits_processed.csv})
 * and joins it with the change status of its commit log, as the study's {@code read_repositories_evolution} did.
 */
final class FormatTables {
  private FormatTables() {}

  static Inputs.Parsed<List<EvolutionRow>> read(Path file) {
    List<EvolutionRow> rows = new ArrayList<>();
    Interner strings = new Interner();
    LocalDateTime[] lastDate = {null};
    String[] lastDateText = {null};
    String sha = CsvColumns.forEach(file,
        List.of("repo_url", "commit_hash", "model_file_path", "serialization_format", "message", "date", "is_in_commit"),
        v -> {
          if (!v[5].equals(lastDateText[0])) {
            try {
              lastDate[0] = CommitTime.parse(v[5]);
            } catch (StudyDataException e) {
              throw new CsvColumns.FieldException(5, e.getMessage(), e);
            }
            lastDateText[0] = v[5];
          }
          boolean inCommit = "True".equals(v[6]);
          rows.add(new EvolutionRow(strings.intern(v[0]), strings.intern(v[1]), v[2], strings.intern(v[3]),
              lastDate[0], inCommit, "", SafetensorsAddition.isConverterMessage(v[4])));
        });
    return new Inputs.Parsed<>(rows, sha);
  }

  /**
   * Reads the 2024 iteration's format table ({@code fixed3_…csv}): every row is a file changed by
   * its commit, and no change status was kept.
   */
  static Inputs.Parsed<List<EvolutionRow>> read2024(Path file) {
    List<EvolutionRow> rows = new ArrayList<>();
    Interner strings = new Interner();
    String sha = CsvColumns.forEach(file,
        List.of("repo_url", "commit_hash", "model_file_path", "serialization_format", "message", "date"), v -> {
          LocalDateTime date;
          try {
            date = CommitTime.parse(v[5]);
          } catch (StudyDataException e) {
            throw new CsvColumns.FieldException(5, e.getMessage(), e);
          }
          rows.add(new EvolutionRow(strings.intern(v[0]), strings.intern(v[1]), v[2], strings.intern(v[3]), date,
              true, "", SafetensorsAddition.isConverterMessage(v[4])));
        });
    return new Inputs.Parsed<>(rows, sha);
  }

  /** The study's join: the status of a row's file in its commit, for rows whose file the commit changed. */
  static List<EvolutionRow> withChangeStatus(List<EvolutionRow> rows, Map<String, String> changeStatus) {
    List<EvolutionRow> joined = new ArrayList<>(rows.size());
    for (EvolutionRow r : rows) {
      joined.add(!r.inCommit() ? r : new EvolutionRow(r.repo(), r.commit(), r.modelFilePath(), r.format(), r.date(),
          true, changeStatus.getOrDefault(r.modelFilePath() + "&&" + r.commit(), ""), r.byConverter()));
    }
    return joined;
  }
}
