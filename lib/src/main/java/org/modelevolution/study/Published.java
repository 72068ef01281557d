package org.modelevolution.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The numbers the study published that the reproduction compares against: every cell of its
 * result tables, the labels of its figures and the printed outputs of its notebooks (the last two
 * typed into transcripts, since they exist only in PDFs and notebook outputs). A number the study
 * published twice (the 2024 {@code rq1_dataset_stats.csv} repeats its block) is listed once.
 *
 * @param numbers every distinct published number, in source order
 * @param tables the published tables as read (header-less rows), by file name
 */
public record Published(List<PublishedNumber> numbers, Map<String, List<List<String>>> tables) {

  /** The study's notebook outputs and figure labels typed for this project ({@code data/}). */
  public static final String NOTEBOOK_OUTPUTS = "study-notebook-outputs.csv";
  /** The cell labels of the study's RQ1 heat maps (per-day counts), read from its PDFs ({@code data/}). */
  public static final String HEATMAP_LABELS = "study-heatmap-labels.csv";

  /** Every published table the reproduction reads, as {@code published/} names it. */
  static final List<String> TABLES = tableNames();

  private static List<String> tableNames() {
    List<String> names = new ArrayList<>();
    for (Group group : List.of(Group.LEGACY, Group.RECENT, Group.BOTH)) {
      names.add(StudyFiles.rq1Stats(group));
    }
    names.addAll(List.of("rq1_dataset_stats.csv", "rq3_dataset_stats.csv", "rq4_dataset_stats.csv"));
    for (Group group : List.of(Group.LEGACY, Group.RECENT, Group.BOTH)) {
      names.add("RQ2FormatsRepoCreation_" + group.fileSuffix() + ".csv");
      names.add("RQ2FormatsYearly_" + group.fileSuffix() + "_notebook_output.csv");
    }
    names.add("RQ3StatusDistribution_figure_labels.csv");
    return List.copyOf(names);
  }

  /** The cache's rows of a published table: one per cell, {@code row,column,value}. */
  static List<List<String>> derive(Path file) {
    List<List<String>> cells = new ArrayList<>();
    List<List<String>> rows = HeaderlessCsv.read(file);
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < rows.get(r).size(); c++) {
        cells.add(List.of(Integer.toString(r), Integer.toString(c), rows.get(r).get(c)));
      }
    }
    return cells;
  }

  /** Reads a published table's cache back into its rows. */
  static List<List<String>> readCache(Path file) {
    List<List<String>> rows = new ArrayList<>();
    for (String[] cell : CsvColumns.readAll(file, List.of("row", "column", "value"))) {
      int r = Integer.parseInt(cell[0]);
      int c = Integer.parseInt(cell[1]);
      if (r == rows.size()) {
        rows.add(new ArrayList<>());
      }
      if (r != rows.size() - 1 || c != rows.get(r).size()) {
        throw new StudyDataException(file + ": cell " + r + "," + c + " out of order");
      }
      rows.get(r).add(cell[2]);
    }
    return rows.stream().map(List::copyOf).toList();
  }

  public Published {
    numbers = List.copyOf(numbers);
    tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  public static Published none() {
    return new Published(List.of(), Map.of());
  }

  /** A published number by where it was published and its name. */
  public Optional<String> value(String source, String group, String metric) {
    String key = PublishedNumber.key(source, group, metric);
    return numbers.stream().filter(n -> n.key().equals(key)).map(PublishedNumber::value).findFirst();
  }

  /** A published table by file name. */
  public Optional<List<List<String>>> table(String fileName) {
    return Optional.ofNullable(tables.get(fileName));
  }

  /** Reads every published table the sources hold, and the transcripts of printed outputs. */
  static Published read(Inputs inputs) {
    Builder builder = new Builder();
    for (Group group : List.of(Group.LEGACY, Group.RECENT, Group.BOTH)) {
      String name = StudyFiles.rq1Stats(group);
      builder.metrics(inputs, name, "RQ1", "final", group.fileSuffix(), name);
    }
    builder.metrics(inputs, "rq1_dataset_stats.csv", "RQ1", "2024", "", "rq1_dataset_stats.csv");
    builder.metrics(inputs, "rq3_dataset_stats.csv", "RQ3", "final", "", "rq3_dataset_stats.csv");
    builder.metrics(inputs, "rq4_dataset_stats.csv", "RQ3", "2024-11", "", "rq4_dataset_stats.csv");
    for (Group group : List.of(Group.LEGACY, Group.RECENT, Group.BOTH)) {
      String name = "RQ2FormatsRepoCreation_" + group.fileSuffix() + ".csv";
      builder.grid(inputs, name, "RQ2", group.fileSuffix(), name);
      builder.grid(inputs, "RQ2FormatsYearly_" + group.fileSuffix() + "_notebook_output.csv", "RQ2",
          group.fileSuffix(), "rq2_analysis.ipynb");
    }
    builder.figureLabels(inputs, "RQ3StatusDistribution_figure_labels.csv");
    // the transcripts belong with the study's published tables: a folder without them (synthetic inputs) has neither
    for (String transcript : List.of(NOTEBOOK_OUTPUTS, HEATMAP_LABELS)) {
      if (inputs.hasPublishedTables() && inputs.hasFact(transcript)) {
        builder.addAll(inputs.readFact(transcript, file -> readTranscript(file, transcript)));
      }
    }
    return new Published(builder.numbers, builder.tables);
  }

  private static Inputs.Parsed<List<PublishedNumber>> readTranscript(Path file, String name) {
    List<PublishedNumber> numbers = new ArrayList<>();
    String sha = CsvColumns.forEach(file, List.of("rq", "iteration", "group", "source", "metric", "value"),
        v -> numbers.add(new PublishedNumber(v[0], v[1], v[2], v[3], v[4], v[5], "data/" + name)));
    return new Inputs.Parsed<>(numbers, sha);
  }

  private static final class Builder {
    final List<PublishedNumber> numbers = new ArrayList<>();
    final Set<String> seen = new LinkedHashSet<>();
    final Map<String, List<List<String>>> tables = new LinkedHashMap<>();

    void addAll(List<PublishedNumber> more) {
      more.forEach(this::add);
    }

    void add(PublishedNumber number) {
      if (seen.add(number.key())) {
        numbers.add(number);
      }
    }

    Optional<List<List<String>>> table(Inputs inputs, String name) {
      if (!inputs.hasPublished(name)) {
        return Optional.empty();
      }
      List<List<String>> rows = inputs.readPublished(name,
          file -> Inputs.Parsed.unhashed(HeaderlessCsv.read(file)),
          cache -> readCache(cache.resolve(StudyCache.files(StudyFiles.PUBLISHED_DIR + "/" + name).get(0))));
      tables.put(name, rows);
      return Optional.of(rows);
    }

    /** A {@code metric,value} table. */
    void metrics(Inputs inputs, String name, String rq, String iteration, String group, String source) {
      table(inputs, name).ifPresent(rows -> rows.stream().filter(r -> r.size() >= 2).forEach(r ->
          add(new PublishedNumber(rq, iteration, group, source, r.get(0), r.get(1), transcript(name, source)))));
    }

    /** A table with a header row: one number per cell, named {@code <first column> / <column>}. */
    void grid(Inputs inputs, String name, String rq, String group, String source) {
      table(inputs, name).ifPresent(rows -> {
        List<String> header = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
          for (int c = 1; c < header.size() && c < row.size(); c++) {
            add(new PublishedNumber(rq, "final", group, source, row.get(0) + " / " + header.get(c), row.get(c),
                transcript(name, source)));
          }
        }
      });
    }

    /** The typed bar labels of the RQ3 status figures: figure, bar, then one percentage per status. */
    void figureLabels(Inputs inputs, String name) {
      table(inputs, name).ifPresent(rows -> {
        List<String> header = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
          for (int c = 2; c < header.size() && c < row.size(); c++) {
            add(new PublishedNumber("RQ3", "final", "", row.get(0), row.get(1) + " / " + header.get(c) + " (%)",
                row.get(c), "published/" + name));
          }
        }
      });
    }

    private static String transcript(String name, String source) {
      return name.equals(source) ? "" : "published/" + name;
    }
  }
}
