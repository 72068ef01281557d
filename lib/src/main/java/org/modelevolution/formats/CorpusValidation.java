package org.modelevolution.formats;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The detector run over a labelled corpus ({@code labels.csv}): agreement on the three labelled
 * columns, the confusion tables of the detector and of the libmagic baseline recorded in the
 * corpus, and the distribution of bytes read. Every table prints through {@code toString()}, so a
 * notebook cell is one line. Deterministic: rows in labels.csv order, maps sorted.
 */
public final class CorpusValidation {

  /** One labelled file and what the detector said. */
  public record Row(String path, String format, String studyLabel, String pickleGlobals, String libmagic, Detection detection) {
    public boolean formatAgrees() {
      return detection.format().id().equals(format);
    }

    public boolean studyLabelAgrees() {
      return detection.studyLabel().equals(studyLabel);
    }

    public boolean pickleGlobalsAgree() {
      return detection.pickleGlobalsCell().equals(pickleGlobals);
    }
  }

  private final List<Row> rows;

  private CorpusValidation(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  /** Runs {@code detector} over every file listed in {@code corpus/labels.csv}. */
  public static CorpusValidation run(Path corpus, Detector detector) {
    List<Row> rows = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> it =
        mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(corpus.resolve("labels.csv").toFile())) {
      while (it.hasNext()) {
        Map<String, String> r = it.next();
        String path = r.get("path");
        rows.add(new Row(path, r.get("format"), r.get("study_label"), r.get("pickle_globals"), r.getOrDefault("libmagic", ""),
            detector.detect(corpus.resolve(path), path)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + corpus.resolve("labels.csv"), e);
    }
    return new CorpusValidation(rows);
  }

  public static CorpusValidation run(Path corpus) {
    return run(corpus, Detector.withDefaults());
  }

  public List<Row> rows() {
    return rows;
  }

  /** Agreement counts on {@code format}, {@code study_label} and {@code pickle_globals}. */
  public String agreement() {
    long f = rows.stream().filter(Row::formatAgrees).count();
    long s = rows.stream().filter(Row::studyLabelAgrees).count();
    long p = rows.stream().filter(Row::pickleGlobalsAgree).count();
    int n = rows.size();
    return String.format(Locale.ROOT, "files           %d%nformat          %d/%d (%.1f%%)%nstudy_label     %d/%d (%.1f%%)%npickle_globals  %d/%d (%.1f%%)%n",
        n, f, n, 100.0 * f / n, s, n, 100.0 * s / n, p, n, 100.0 * p / n);
  }

  /** Rows where any of the three columns disagrees, one line each. */
  public String disagreements() {
    StringBuilder out = new StringBuilder();
    for (Row r : rows) {
      if (!r.formatAgrees() || !r.studyLabelAgrees() || !r.pickleGlobalsAgree()) {
        out.append(r.path()).append(": labelled ").append(r.format()).append(", detected ").append(r.detection().format().id()).append('\n');
      }
    }
    return out.length() == 0 ? "none\n" : out.toString();
  }

  /** True format (rows) against detected format (columns). */
  public String confusion() {
    return table("true \\ detected", rows.stream().map(r -> new String[] {r.format(), r.detection().format().id()}).toList());
  }

  /** True format (rows) against libmagic's answer, cut at the first comma (columns listed below the table). */
  public String libmagicConfusion() {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (Row r : rows) {
      String answer = r.libmagic().split(",")[0].strip();
      counts.computeIfAbsent(r.format(), k -> new TreeMap<>()).merge(answer, 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    int width = counts.keySet().stream().mapToInt(String::length).max().orElse(6);
    counts.forEach((format, answers) -> {
      out.append(String.format(Locale.ROOT, "%-" + width + "s  ", format));
      List<String> parts = new ArrayList<>();
      answers.forEach((answer, n) -> parts.add(n + " × " + answer));
      out.append(String.join("; ", parts)).append('\n');
    });
    return out.toString();
  }

  /** Bytes read per file: overall quantiles, then median and maximum per format. */
  public String bytesRead() {
    long[] all = rows.stream().mapToLong(r -> r.detection().bytesRead()).sorted().toArray();
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "all %d files: min %,d  median %,d  p90 %,d  max %,d  mean %,.0f bytes (largest file %,d bytes)%n%n",
        all.length, all[0], all[all.length / 2], all[(int) Math.ceil(all.length * 0.9) - 1], all[all.length - 1],
        Arrays.stream(all).average().orElse(0), rows.stream().mapToLong(r -> r.detection().size()).max().orElse(0)));
    Map<String, List<Long>> byFormat = new TreeMap<>();
    rows.forEach(r -> byFormat.computeIfAbsent(r.format(), k -> new ArrayList<>()).add(r.detection().bytesRead()));
    out.append(String.format(Locale.ROOT, "%-20s %5s %10s %10s%n", "format", "files", "median", "max"));
    byFormat.forEach((format, list) -> {
      long[] v = list.stream().mapToLong(Long::longValue).sorted().toArray();
      out.append(String.format(Locale.ROOT, "%-20s %5d %,10d %,10d%n", format, v.length, v[v.length / 2], v[v.length - 1]));
    });
    return out.toString();
  }

  /**
   * What libmagic's answer (cut at the first comma) says the format is, for the answers that name
   * one of the corpus formats, and {@code data} (libmagic's "no idea") as {@code unknown}; every
   * other answer ({@code Zip archive data}, {@code gzip compressed data}, {@code ASCII text}, ...)
   * names no model format and maps to {@code -}.
   */
  public static String libmagicFormat(String answer) {
    String a = answer.split(",")[0].strip();
    if (a.startsWith("Hierarchical Data Format")) {
      return FormatId.HDF5.id();
    }
    if (a.equals("NumPy array") || a.startsWith("NumPy data file")) {
      return FormatId.NUMPY_NPY.id();
    }
    if (a.equals("empty")) {
      return FormatId.EMPTY.id();
    }
    if (a.equals("data")) {
      return FormatId.UNKNOWN.id();
    }
    return "-";
  }

  /**
   * Runs {@code file -b} (libmagic, {@code LC_ALL=C}) on every corpus file now, in labels.csv order.
   * Returns the answers by path and, under the key {@code ""}, the version line of {@code file}.
   */
  public static Map<String, String> runLibmagic(Path corpus, List<Row> rows) {
    try {
      Path list = java.nio.file.Files.createTempFile("corpus-libmagic", ".list");
      try {
        java.nio.file.Files.write(list, rows.stream().map(r -> corpus.resolve(r.path()).toString()).toList(), java.nio.charset.StandardCharsets.UTF_8);
        List<String> answers = DetectorBenchmark.command("file", "-b", "-f", list.toString()).lines().toList();
        if (answers.size() != rows.size()) {
          throw new IOException("file printed " + answers.size() + " lines for " + rows.size() + " paths");
        }
        Map<String, String> byPath = new java.util.LinkedHashMap<>();
        byPath.put("", DetectorBenchmark.firstLine(DetectorBenchmark.command("file", "--version")));
        for (int i = 0; i < rows.size(); i++) {
          byPath.put(rows.get(i).path(), answers.get(i));
        }
        return byPath;
      } finally {
        java.nio.file.Files.deleteIfExists(list);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run file(1)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running file(1)", e);
    }
  }

  /**
   * The per-format (one-vs-rest) confusion counts of the detector and of libmagic side by side:
   * for each labelled format, true positives, false positives, false negatives, precision and
   * recall of each tool, where libmagic's answer counts as naming a format only through
   * {@link #libmagicFormat}. {@code libmagic} holds the answers by path ({@link #runLibmagic}).
   */
  public tech.tablesaw.api.Table perFormatConfusion(Map<String, String> libmagic) {
    TreeSet<String> formats = new TreeSet<>();
    rows.forEach(r -> formats.add(r.format()));
    tech.tablesaw.api.StringColumn format = tech.tablesaw.api.StringColumn.create("format");
    tech.tablesaw.api.IntColumn files = tech.tablesaw.api.IntColumn.create("files");
    String[] tools = {"ours", "file"};
    tech.tablesaw.api.IntColumn[][] counts = new tech.tablesaw.api.IntColumn[2][3];
    tech.tablesaw.api.StringColumn[][] rates = new tech.tablesaw.api.StringColumn[2][2];
    for (int t = 0; t < 2; t++) {
      counts[t][0] = tech.tablesaw.api.IntColumn.create(tools[t] + " TP");
      counts[t][1] = tech.tablesaw.api.IntColumn.create(tools[t] + " FP");
      counts[t][2] = tech.tablesaw.api.IntColumn.create(tools[t] + " FN");
      rates[t][0] = tech.tablesaw.api.StringColumn.create(tools[t] + " precision");
      rates[t][1] = tech.tablesaw.api.StringColumn.create(tools[t] + " recall");
    }
    for (String f : formats) {
      format.append(f);
      files.append((int) rows.stream().filter(r -> r.format().equals(f)).count());
      for (int t = 0; t < 2; t++) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Row r : rows) {
          String said = t == 0 ? r.detection().format().id() : libmagicFormat(libmagic.getOrDefault(r.path(), ""));
          boolean is = r.format().equals(f);
          boolean says = said.equals(f);
          tp += is && says ? 1 : 0;
          fp += !is && says ? 1 : 0;
          fn += is && !says ? 1 : 0;
        }
        counts[t][0].append(tp);
        counts[t][1].append(fp);
        counts[t][2].append(fn);
        rates[t][0].append(tp + fp == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) tp / (tp + fp)));
        rates[t][1].append(String.format(Locale.ROOT, "%.2f", (double) tp / (tp + fn)));
      }
    }
    tech.tablesaw.api.Table table = tech.tablesaw.api.Table.create("Per-format confusion, detector vs " + libmagic.getOrDefault("", "file"), format, files);
    for (int t = 0; t < 2; t++) {
      table.addColumns(counts[t][0], counts[t][1], counts[t][2], rates[t][0], rates[t][1]);
    }
    return table;
  }

  /** Files per pickle verdict, for the formats that embed pickles. */
  public String pickleVerdicts() {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (Row r : rows) {
      if (r.detection().pickle().applicable()) {
        String key = r.detection().pickle().verdict().id() + (r.detection().pickle().complete() ? "" : " (incomplete)");
        counts.computeIfAbsent(key, k -> new TreeMap<>()).merge(r.detection().format().id(), 1, Integer::sum);
      }
    }
    StringBuilder out = new StringBuilder();
    counts.forEach((verdict, formats) -> out.append(String.format(Locale.ROOT, "%-11s %s%n", verdict, formats)));
    return out.toString();
  }

  private static String table(String corner, List<String[]> pairs) {
    TreeSet<String> rowKeys = new TreeSet<>();
    TreeSet<String> colKeys = new TreeSet<>();
    Map<String, Integer> cells = new TreeMap<>();
    for (String[] p : pairs) {
      rowKeys.add(p[0]);
      colKeys.add(p[1]);
      cells.merge(p[0] + "\u0000" + p[1], 1, Integer::sum);
    }
    int first = Math.max(corner.length(), rowKeys.stream().mapToInt(String::length).max().orElse(0));
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", corner));
    List<String> cols = new ArrayList<>(colKeys);
    for (String c : cols) {
      out.append(' ').append(String.format(Locale.ROOT, "%" + Math.max(3, c.length()) + "s", c));
    }
    out.append('\n');
    for (String r : rowKeys) {
      out.append(String.format(Locale.ROOT, "%-" + first + "s", r));
      for (String c : cols) {
        Integer n = cells.get(r + "\u0000" + c);
        out.append(' ').append(String.format(Locale.ROOT, "%" + Math.max(3, c.length()) + "s", n == null ? "." : n.toString()));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
