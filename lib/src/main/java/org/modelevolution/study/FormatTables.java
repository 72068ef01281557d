package org.modelevolution.study;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a per-commit, per-model-file format table ({@code repositories_evolution_{group}_commits_processed.csv})
 * joined with the change status of its commit log, as the study's {@code read_repositories_evolution} did,
 * streaming (in chunks side by side when the table is large, {@link CsvChunks}): the rows are
 * reduced into a {@link FormatHistory} and the safetensors files added are kept as
 * {@link SafetensorsAddition}s; no row is held.
 */
final class FormatTables {
  private static final List<String> COLUMNS =
      List.of("repo_url", "commit_hash", "model_file_path", "serialization_format", "message", "date", "is_in_commit");
  private static final int REPO = 0;
  private static final int COMMIT = 1;
  private static final int PATH = 2;
  private static final int FORMAT = 3;
  private static final int MESSAGE = 4;
  private static final int DATE = 5;
  private static final int IN_COMMIT = 6;
  private static final byte[] TRUE = "True".getBytes(StandardCharsets.US_ASCII);
  /** The converter's text is ASCII without quotes, so it can be searched for in the raw bytes of a field. */
  private static final byte[] CONVERTER_MESSAGE = SafetensorsAddition.CONVERTER_MESSAGE.getBytes(StandardCharsets.UTF_8);

  private FormatTables() {}

  /** A group's format table, reduced, and the safetensors files its commits added. */
  record FormatTable(FormatHistory history, List<SafetensorsAddition> additions) {}

  /**
   * Reads {@code file}; a row's file counts as added when the commit changed it
   * ({@code is_in_commit}) and the commit log gives it status {@code +} ({@code addedFiles} holds
   * {@code modelFilePath + "&&" + commit} of those).
   */
  static Inputs.Parsed<FormatTable> read(Path file, FileKeys addedFiles) {
    return read(file, addedFiles, CsvChunks.Workers.NONE);
  }

  /** Reads {@code file}, in chunks side by side when it is large (the result is the same). */
  static Inputs.Parsed<FormatTable> read(Path file, FileKeys addedFiles, CsvChunks.Workers workers) {
    Inputs.Parsed<Part> parsed = CsvChunks.parse(file, COLUMNS, workers, () -> new Part(addedFiles.lookup()),
        Part::append);
    Part table = parsed.value();
    return new Inputs.Parsed<>(new FormatTable(table.history(), List.copyOf(table.additions)), parsed.sha256());
  }

  /** The table of a run of rows: of the whole file, or of one chunk of it. */
  private static final class Part implements CsvChunks.Chunk<Part> {
    private final FileKeys.Lookup addedFiles;
    private final FormatHistory.Builder builder = new FormatHistory.Builder();
    /** Once the rows are in: the history of this part and of those appended to it. */
    private FormatHistory.Concatenation history;
    final List<SafetensorsAddition> additions = new ArrayList<>();
    private final Map<String, String> formats = new HashMap<>();
    /** The formats met first, by their bytes (a table has a handful; others go through {@link #formats}). */
    private final byte[][] formatBytes = new byte[16][];
    private final String[] formatValues = new String[16];
    private int formatCount;
    private final Field repo = new Field(REPO);
    private final Field commit = new Field(COMMIT);
    private final Field date = new Field(DATE);
    private LocalDateTime lastDate;

    Part(FileKeys.Lookup addedFiles) {
      this.addedFiles = addedFiles;
    }

    @Override
    public void accept(CsvColumns.Record r) {
      if (date.changed(r)) {
        try {
          lastDate = CommitTime.parse(date.value);
        } catch (StudyDataException e) {
          throw new CsvColumns.FieldException(DATE, e.getMessage(), e);
        }
      }
      repo.changed(r);
      commit.changed(r);
      String format = format(r);
      boolean added = false;
      if (r.is(IN_COMMIT, TRUE)) {
        byte[] b = r.bytes();
        // an ASCII path (all of the study's) is looked up from its bytes; any other is decoded (strictly)
        added = !r.escaped(PATH) && FileKeys.isAscii(b, r.start(PATH), r.end(PATH))
            ? addedFiles.containsAscii(b, r.start(PATH), r.end(PATH), commit.value)
            : addedFiles.contains(r.string(PATH) + "&&" + commit.value);
      }
      builder.add(repo.value, commit.value, lastDate, format, added);
      if (added && "safetensors".equals(format)) {
        additions.add(new SafetensorsAddition(repo.value, commit.value, lastDate, containsConverterMessage(r)));
      }
    }

    /**
     * The row's format, one shared String per format: the few formats are told apart by their
     * bytes, so a row decodes none.
     */
    private String format(CsvColumns.Record r) {
      if (r.escaped(FORMAT)) {
        return formats.computeIfAbsent(r.string(FORMAT), f -> f);
      }
      byte[] b = r.bytes();
      int from = r.start(FORMAT);
      int to = r.end(FORMAT);
      for (int i = 0; i < formatCount; i++) {
        byte[] known = formatBytes[i];
        if (Arrays.equals(b, from, to, known, 0, known.length)) {
          return formatValues[i];
        }
      }
      String format = formats.computeIfAbsent(r.string(FORMAT), f -> f);
      if (formatCount < formatBytes.length) {
        formatBytes[formatCount] = Arrays.copyOfRange(b, from, to);
        formatValues[formatCount++] = format;
      }
      return format;
    }

    @Override
    public Part part() {
      return this;
    }

    /** This part followed by {@code later}'s rows, as one part (this one, grown). */
    Part append(Part later) {
      if (history == null) {
        history = new FormatHistory.Concatenation(builder);
      }
      history.append(later.builder);
      additions.addAll(later.additions);
      return this;
    }

    FormatHistory history() {
      return history == null ? builder.build() : history.build();
    }
  }

  private static boolean containsConverterMessage(CsvColumns.Record r) {
    byte[] b = r.bytes();
    int last = r.end(MESSAGE) - CONVERTER_MESSAGE.length;
    for (int i = r.start(MESSAGE); i <= last; i++) {
      if (b[i] == CONVERTER_MESSAGE[0] && Arrays.equals(b, i, i + CONVERTER_MESSAGE.length,
          CONVERTER_MESSAGE, 0, CONVERTER_MESSAGE.length)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A column whose value usually repeats from row to row (rows come grouped by repository and
   * commit): decoded only when its bytes change, so repeated values are one shared String.
   */
  private static final class Field {
    private final int column;
    private byte[] bytes = new byte[0];
    /**
     * The length of {@link #bytes}, -1 before the first row: so the first row differs by length,
     * with no branch of its own (a branch the compiler sees taken only once is compiled as a trap,
     * and each later part's first row would then recompile the whole row path).
     */
    private int length = -1;
    String value;

    Field(int column) {
      this.column = column;
    }

    /** Updates {@link #value} to the record's; true when it differs from the previous row's. */
    boolean changed(CsvColumns.Record r) {
      int from = r.start(column);
      int to = r.end(column);
      if (to - from == length && Arrays.equals(r.bytes(), from, to, bytes, 0, length)) {
        return false;
      }
      bytes = Arrays.copyOfRange(r.bytes(), from, to);
      length = bytes.length;
      value = r.string(column);
      return true;
    }
  }

  /**
   * Reads the 2024 iteration's format table ({@code fixed3_…csv}): every row is a file changed by
   * its commit, and no change status was kept.
   */
  static Inputs.Parsed<List<EvolutionRow>> read2024(Path file) {
    return read2024(file, false);
  }

  /** Reads the cache table of the 2024 format table (its {@code by_converter} flag in place of the message). */
  static List<EvolutionRow> read2024Cache(Path file) {
    return read2024(file, true).value();
  }

  private static Inputs.Parsed<List<EvolutionRow>> read2024(Path file, boolean cache) {
    List<EvolutionRow> rows = new ArrayList<>();
    Interner strings = new Interner();
    String sha = CsvColumns.forEach(file, List.of("repo_url", "commit_hash", "model_file_path",
        "serialization_format", cache ? "by_converter" : "message", "date"), v -> {
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
          rows.add(new EvolutionRow(strings.intern(v[0]), strings.intern(v[1]), v[2], strings.intern(v[3]), date,
              converter));
        });
    return new Inputs.Parsed<>(rows, sha);
  }
}
