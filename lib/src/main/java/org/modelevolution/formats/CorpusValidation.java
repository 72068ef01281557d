package org.modelevolution.formats;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The detector run over a labelled corpus ({@code labels.csv}): agreement on the three labelled
 * columns, the confusion tables of the detector and of the libmagic baseline recorded in the
 * corpus, and the distribution of bytes read, each as a Tablesaw table (a notebook shows it with
 * {@code notebook.Display}). Deterministic: rows in labels.csv order, maps sorted.
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

  /** Agreement on {@code format}, {@code study_label} and {@code pickle_globals}: one row per column. */
  public Table agreement() {
    StringColumn column = StringColumn.create("column");
    IntColumn agree = IntColumn.create("agree");
    IntColumn files = IntColumn.create("files");
    DoubleColumn share = DoubleColumn.create("agreement");
    share.setPrintFormatter(NumberColumnFormatter.percent(1));
    Map<String, Predicate<Row>> checks = new LinkedHashMap<>();
    checks.put("format", Row::formatAgrees);
    checks.put("study_label", Row::studyLabelAgrees);
    checks.put("pickle_globals", Row::pickleGlobalsAgree);
    checks.forEach((name, check) -> {
      int n = (int) rows.stream().filter(check).count();
      column.append(name);
      agree.append(n);
      files.append(rows.size());
      share.append(rows.isEmpty() ? Double.NaN : (double) n / rows.size());
    });
    return Table.create("Detector agreement with labels.csv", column, agree, files, share);
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

  /** True format (rows) against detected format (columns); empty cells are zero. */
  public Table confusion() {
    return crossTable("Detector confusion: true format (rows), detected format (columns)", "true \\ detected",
        rows.stream().map(r -> new String[] {r.format(), r.detection().format().id()}).toList());
  }

  /** Files per true format and libmagic answer (cut at the first comma), one row per pair. */
  public Table libmagicConfusion() {
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    for (Row r : rows) {
      String answer = r.libmagic().split(",")[0].strip();
      counts.computeIfAbsent(r.format(), k -> new TreeMap<>()).merge(answer, 1, Integer::sum);
    }
    StringColumn format = StringColumn.create("true format");
    StringColumn answer = StringColumn.create("libmagic (file -b)");
    IntColumn files = IntColumn.create("files");
    counts.forEach((f, answers) -> answers.forEach((a, n) -> {
      format.append(f);
      answer.append(a);
      files.append(n);
    }));
    return Table.create("libmagic baseline: true format against libmagic's answer", format, answer, files);
  }

  /** Bytes the detector read per file, over all files (labelled values, in this order). */
  public Map<String, Long> bytesReadSummary() {
    long[] all = rows.stream().mapToLong(r -> r.detection().bytesRead()).sorted().toArray();
    Map<String, Long> summary = new LinkedHashMap<>();
    summary.put("files", (long) all.length);
    if (all.length > 0) {
      summary.put("min bytes read", all[0]);
      summary.put("median bytes read", all[all.length / 2]);
      summary.put("p90 bytes read", all[(int) Math.ceil(all.length * 0.9) - 1]);
      summary.put("max bytes read", all[all.length - 1]);
      summary.put("mean bytes read", Math.round(Arrays.stream(all).average().orElse(0)));
      summary.put("largest file (bytes)", rows.stream().mapToLong(r -> r.detection().size()).max().orElse(0));
    }
    return summary;
  }

  /** Bytes read per file: median and maximum per true format. */
  public Table bytesRead() {
    Map<String, List<Long>> byFormat = new TreeMap<>();
    rows.forEach(r -> byFormat.computeIfAbsent(r.format(), k -> new ArrayList<>()).add(r.detection().bytesRead()));
    StringColumn format = StringColumn.create("format");
    IntColumn files = IntColumn.create("files");
    LongColumn median = LongColumn.create("median bytes read");
    LongColumn max = LongColumn.create("max bytes read");
    byFormat.forEach((f, list) -> {
      long[] v = list.stream().mapToLong(Long::longValue).sorted().toArray();
      format.append(f);
      files.append(v.length);
      median.append(v[v.length / 2]);
      max.append(v[v.length - 1]);
    });
    return Table.create("Bytes read per file, by true format", format, files, median, max);
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
  public Table perFormatConfusion(Map<String, String> libmagic) {
    TreeSet<String> formats = new TreeSet<>();
    rows.forEach(r -> formats.add(r.format()));
    StringColumn format = StringColumn.create("format");
    IntColumn files = IntColumn.create("files");
    String[] tools = {"ours", "file"};
    IntColumn[][] counts = new IntColumn[2][3];
    StringColumn[][] rates = new StringColumn[2][2];
    for (int t = 0; t < 2; t++) {
      counts[t][0] = IntColumn.create(tools[t] + " TP");
      counts[t][1] = IntColumn.create(tools[t] + " FP");
      counts[t][2] = IntColumn.create(tools[t] + " FN");
      rates[t][0] = StringColumn.create(tools[t] + " precision");
      rates[t][1] = StringColumn.create(tools[t] + " recall");
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
    Table table = Table.create("Per-format confusion, detector vs " + libmagic.getOrDefault("", "file"), format, files);
    for (int t = 0; t < 2; t++) {
      table.addColumns(counts[t][0], counts[t][1], counts[t][2], rates[t][0], rates[t][1]);
    }
    return table;
  }

  /** Files per pickle verdict (rows) and detected format (columns), for the formats that embed pickles. */
  public Table pickleVerdicts() {
    return crossTable("Pickle verdicts: verdict (rows), detected format (columns)", "verdict \\ format",
        rows.stream().filter(r -> r.detection().pickle().applicable())
            .map(r -> new String[] {r.detection().pickle().verdict().id()
                + (r.detection().pickle().complete() ? "" : " (incomplete)"), r.detection().format().id()}).toList());
  }

  /**
   * The verdict matrix on the generated bypass corpus ({@link BypassCorpus}): one row per class of
   * issue 19 (then the published gadgets and the benign set), the files generated, how many of
   * them are hostile, and the verdicts the detector gives them (detected from memory; nothing is
   * written or unpickled). A hostile file must be dangerous or suspicious, a benign one safe (or
   * without pickle); {@code as expected} counts the files with the generator's expected format,
   * verdict and completeness.
   */
  public static Table bypassVerdictMatrix(Detector detector) {
    List<BypassCorpus.Case> cases;
    try {
      cases = BypassCorpus.cases();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> classes = new java.util.ArrayList<>();
    cases.forEach(k -> {
      if (!classes.contains(k.klass())) {
        classes.add(k.klass());
      }
    });
    classes.sort(Comparator.comparingInt((String k) -> k.matches("\\d+\\..*") ? Integer.parseInt(k.substring(0, k.indexOf('.'))) : 100)
        .thenComparing(k -> k.equals(BypassCorpus.BENIGN) ? 1 : 0));
    StringColumn klass = StringColumn.create("class");
    IntColumn files = IntColumn.create("files");
    IntColumn hostile = IntColumn.create("hostile");
    IntColumn dangerous = IntColumn.create("dangerous");
    IntColumn suspicious = IntColumn.create("suspicious");
    IntColumn safe = IntColumn.create("safe");
    IntColumn none = IntColumn.create("no pickle verdict");
    IntColumn incomplete = IntColumn.create("incomplete");
    IntColumn expected = IntColumn.create("as expected");
    for (String c : classes) {
      int[] n = new int[8];
      for (BypassCorpus.Case k : cases) {
        if (!k.klass().equals(c)) {
          continue;
        }
        Detection d = detector.detect(new ByteArraySource(k.file(), k.bytes()));
        PickleScan scan = d.pickle();
        n[0]++;
        n[1] += k.hostile() ? 1 : 0;
        n[2] += scan.verdict() == PickleVerdict.DANGEROUS ? 1 : 0;
        n[3] += scan.verdict() == PickleVerdict.SUSPICIOUS ? 1 : 0;
        n[4] += scan.verdict() == PickleVerdict.SAFE ? 1 : 0;
        n[5] += scan.applicable() ? 0 : 1;
        n[6] += scan.applicable() && !scan.complete() ? 1 : 0;
        boolean ok = d.format().id().equals(k.format()) && scan.verdict().id().equals(k.verdict())
            && (k.completeness() == null || scan.completeness().id().equals(k.completeness()));
        n[7] += ok ? 1 : 0;
      }
      klass.append(c);
      files.append(n[0]);
      hostile.append(n[1]);
      dangerous.append(n[2]);
      suspicious.append(n[3]);
      safe.append(n[4]);
      none.append(n[5]);
      incomplete.append(n[6]);
      expected.append(n[7]);
    }
    return Table.create("Pickle verdicts on the generated bypass corpus, by class", klass, files, hostile, dangerous, suspicious, safe,
        none, incomplete, expected);
  }

  /** Counts of (row key, column key) pairs, keys sorted; a pair that never occurs is a missing (empty) cell. */
  private static Table crossTable(String name, String corner, List<String[]> pairs) {
    TreeSet<String> rowKeys = new TreeSet<>();
    TreeSet<String> colKeys = new TreeSet<>();
    Map<List<String>, Integer> cells = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    for (String[] p : pairs) {
      rowKeys.add(p[0]);
      colKeys.add(p[1]);
      cells.merge(List.of(p[0], p[1]), 1, Integer::sum);
    }
    Table table = Table.create(name, StringColumn.create(corner, rowKeys));
    for (String c : colKeys) {
      IntColumn column = IntColumn.create(c);
      for (String r : rowKeys) {
        Integer n = cells.get(List.of(r, c));
        if (n == null) {
          column.appendMissing();
        } else {
          column.append(n);
        }
      }
      table.addColumns(column);
    }
    return table;
  }
}
