package org.modelevolution.mining;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.modelevolution.formats.PickleScan;
import org.modelevolution.formats.PickleVerdict;
import org.modelevolution.hub.SecurityFileStatus;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.io.PandasCsv;

/**
 * Our pickle verdict beside the Hub's own {@code securityFileStatus.pickleImportScan} (tree
 * listings with {@code expand=true}), for mining with {@code --security}: one row per model file,
 * written as a side file of the formats step, and the rows where the two disagree.
 *
 * <p>The Hub's scale is mapped onto ours: pickle-scan status {@code safe} (imports
 * {@code innocuous}) is safe, {@code suspicious}/{@code caution} suspicious, {@code unsafe}
 * ({@code dangerous} imports) dangerous; {@code unscanned}, {@code queued}, {@code error} or no
 * pickle scan at all give no Hub verdict, and such rows are never counted as disagreements. Two
 * verdicts disagree when they differ or when the import lists differ.
 *
 * <p>The formats step mines one repository at a time and resumes after a crash, so the report is
 * built from {@link Summary summaries}, one per repository, that the step journals and adds up;
 * the rows themselves go to per-repository parts ({@link #csvRows()}) assembled below {@link #HEADER}.
 */
public final class SecurityCrossCheck {
  static final String HEADER = PandasCsv.line("repo_id", "revision", "path", "our_verdict", "our_completeness", "our_rule",
      "policy_version", "hub_status", "hub_pickle_status", "hub_verdict", "only_ours", "only_hub", "agree");

  /** One file compared. {@code hubVerdict} is empty when the Hub gave none. */
  public record Row(String repoId, String revision, String path, PickleScan ours, String hubStatus, String hubPickleStatus,
      Optional<PickleVerdict> hubVerdict, List<String> onlyOurs, List<String> onlyHub) {
    public Row {
      onlyOurs = List.copyOf(onlyOurs);
      onlyHub = List.copyOf(onlyHub);
    }

    /** Whether both verdicts exist and differ, or the import lists differ. */
    public boolean disagrees() {
      return hubVerdict.isPresent() && (hubVerdict.get() != ours.verdict() || !onlyOurs.isEmpty() || !onlyHub.isEmpty());
    }

    /**
     * What kind of disagreement this is, empty when the row does not disagree: {@code ours
     * dangerous, Hub safe} (with {@code (incomplete scan)} after our verdict when our scan stopped
     * short, which a bounded read makes likelier than a real difference) or {@code same verdict,
     * imports differ}.
     */
    public Optional<String> disagreement() {
      if (!disagrees()) {
        return Optional.empty();
      }
      if (hubVerdict.get() == ours.verdict()) {
        return Optional.of("same verdict, imports differ");
      }
      return Optional.of("ours " + ours.verdict().id() + (ours.complete() ? "" : " (incomplete scan)") + ", Hub "
          + hubVerdict.get().id());
    }

    String reportLine() {
      return String.format(Locale.ROOT, "%s@%s %s: ours %s (%s), Hub %s%s%s", repoId, revision, path,
          ours.verdict().id(), ours.completeness().id(), hubVerdict.map(PickleVerdict::id).orElse("-"),
          onlyOurs.isEmpty() ? "" : "; only ours " + onlyOurs, onlyHub.isEmpty() ? "" : "; only Hub " + onlyHub);
    }

    String csvLine() {
      return PandasCsv.line(repoId, revision, path, ours.verdict().id(), ours.completeness().id(), ours.rule(), ours.policyVersion(),
          hubStatus, hubPickleStatus, hubVerdict.map(PickleVerdict::id).orElse(""), String.join(";", onlyOurs), String.join(";", onlyHub),
          hubVerdict.isEmpty() ? "" : disagrees() ? "False" : "True");
    }
  }

  private final List<Row> rows = new ArrayList<>();

  /** Compares our scan of one file with the Hub's status of it (absent: the listing had none). */
  public Row compare(String repoId, String revision, String path, PickleScan ours, Optional<SecurityFileStatus> hub) {
    String status = hub.map(SecurityFileStatus::status).orElse("");
    String pickleStatus = hub.flatMap(SecurityFileStatus::pickleScanStatus).orElse("");
    Optional<PickleVerdict> hubVerdict = hubVerdict(pickleStatus, hub);
    TreeSet<String> theirs = new TreeSet<>();
    hub.ifPresent(h -> h.pickleImports().forEach(i -> theirs.add(i.dotted())));
    List<String> onlyOurs = new ArrayList<>();
    List<String> onlyHub = new ArrayList<>();
    if (hubVerdict.isPresent()) {
      ours.globals().stream().filter(g -> !theirs.contains(g)).forEach(onlyOurs::add);
      theirs.stream().filter(g -> !ours.globals().contains(g)).forEach(onlyHub::add);
    }
    Row row = new Row(repoId, revision, path, ours, status, pickleStatus, hubVerdict, onlyOurs, onlyHub);
    rows.add(row);
    return row;
  }

  static Optional<PickleVerdict> hubVerdict(String pickleStatus, Optional<SecurityFileStatus> hub) {
    String s = pickleStatus.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "safe", "innocuous" -> Optional.of(PickleVerdict.SAFE);
      case "suspicious", "caution" -> Optional.of(PickleVerdict.SUSPICIOUS);
      case "unsafe", "dangerous" -> Optional.of(PickleVerdict.DANGEROUS);
      default -> Optional.empty();
    };
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public List<Row> disagreements() {
    return rows.stream().filter(Row::disagrees).toList();
  }

  /** Writes every row as CSV (the formats step's side file, e.g. {@code formats_security_{group}.csv}). */
  public void write(Path file) {
    AtomicFiles.writeString(file, HEADER + csvRows());
  }

  /** The rows as CSV lines, without the header: one repository's part of the side file. */
  public String csvRows() {
    StringBuilder out = new StringBuilder();
    rows.forEach(r -> out.append(r.csvLine()));
    return out.toString();
  }

  /** What the rows so far add up to. */
  public Summary summary() {
    long judged = rows.stream().filter(r -> r.hubVerdict().isPresent()).count();
    SortedMap<String, Long> kinds = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (Row r : rows) {
      r.disagreement().ifPresent(kind -> {
        kinds.merge(kind, 1L, Long::sum);
        lines.add(r.reportLine());
      });
    }
    return new Summary(rows.size(), judged, kinds, lines);
  }

  /** A short report: files compared, with a Hub verdict, agreeing, disagreements by kind and one line each. */
  public String report() {
    return summary().report();
  }

  /**
   * What a set of rows says, small enough to journal with each repository: the files compared,
   * those with a Hub verdict, the disagreements by {@link Row#disagreement() kind} and one report
   * line per disagreement, in row order.
   */
  public record Summary(long files, long judged, SortedMap<String, Long> kinds, List<String> disagreements) {
    public static final Summary EMPTY = new Summary(0, 0, new TreeMap<>(), List.of());

    public Summary {
      kinds = Collections.unmodifiableSortedMap(new TreeMap<>(kinds));
      disagreements = List.copyOf(disagreements);
    }

    public long disagreeing() {
      return disagreements.size();
    }

    /** This summary followed by {@code other} (e.g. the next repository's). */
    public Summary plus(Summary other) {
      SortedMap<String, Long> sum = new TreeMap<>(kinds);
      other.kinds.forEach((k, n) -> sum.merge(k, n, Long::sum));
      List<String> lines = new ArrayList<>(disagreements);
      lines.addAll(other.disagreements);
      return new Summary(files + other.files, judged + other.judged, sum, lines);
    }

    /** Plain text: the totals, one indented line per kind, then one line per disagreement. */
    public String report() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "files compared %d, with a Hub pickle verdict %d, agreeing %d, disagreeing %d%n", files, judged,
          judged - disagreeing(), disagreeing()));
      kinds.forEach((kind, n) -> out.append(String.format(Locale.ROOT, "  %s: %d%n", kind, n)));
      disagreements.forEach(line -> out.append(line).append(System.lineSeparator()));
      return out.toString();
    }

    /** The same as Markdown under {@code title}; {@code \n} line ends whatever the platform, as every written table has. */
    public String markdown(String title) {
      StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
      out.append(String.format(Locale.ROOT, "Files compared %d, with a Hub pickle verdict %d, agreeing %d, disagreeing %d.\n",
          files, judged, judged - disagreeing(), disagreeing()));
      if (!kinds.isEmpty()) {
        out.append("\n| disagreement | files |\n|---|---:|\n");
        kinds.forEach((kind, n) -> out.append("| ").append(kind).append(" | ").append(n).append(" |\n"));
        out.append('\n');
        disagreements.forEach(line -> out.append("- ").append(line.replace("|", "\\|")).append('\n'));
      }
      return out.toString();
    }
  }
}
