package org.modelevolution.mining;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    StringBuilder out = new StringBuilder(HEADER);
    rows.forEach(r -> out.append(r.csvLine()));
    AtomicFiles.writeString(file, out.toString());
  }

  /** A short report: files compared, with a Hub verdict, agreeing, and one line per disagreement. */
  public String report() {
    long judged = rows.stream().filter(r -> r.hubVerdict().isPresent()).count();
    List<Row> differ = disagreements();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "files compared %d, with a Hub pickle verdict %d, agreeing %d, disagreeing %d%n", rows.size(), judged, judged - differ.size(), differ.size()));
    for (Row r : differ) {
      out.append(String.format(Locale.ROOT, "%s@%s %s: ours %s (%s), Hub %s%s%s%n", r.repoId(), r.revision(), r.path(),
          r.ours().verdict().id(), r.ours().completeness().id(), r.hubVerdict().map(PickleVerdict::id).orElse("-"),
          r.onlyOurs().isEmpty() ? "" : "; only ours " + r.onlyOurs(), r.onlyHub().isEmpty() ? "" : "; only Hub " + r.onlyHub()));
    }
    return out.toString();
  }
}
