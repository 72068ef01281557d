package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.study.Group;
import org.modelevolution.study.PublishedNumber;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFiles;

/** Every number the study published for RQ2, recomputed from the full inputs or with what it needs; and checks of the published tables. */
final class Rq2Numbers {
  static final String NOTEBOOK = "rq2_analysis.ipynb";
  private static final double ROW_SUM_TOLERANCE = 1e-3;
  /** The first month of the recent group: before it, the study's "both" table should equal the legacy one. */
  private static final String RECENT_START = "2022-09";

  private Rq2Numbers() {}

  static String creationTable(Group group) {
    return "RQ2FormatsRepoCreation_" + group.fileSuffix() + ".csv";
  }

  static String yearlyTranscript(Group group) {
    return "RQ2FormatsYearly_" + group.fileSuffix() + "_notebook_output.csv";
  }

  static List<Recomputed> of(StudyData data, Map<Group, Rq2Group> groups) {
    List<Recomputed> out = new ArrayList<>();
    for (PublishedNumber p : data.published().numbers()) {
      if (!p.rq().equals("RQ2")) {
        continue;
      }
      Group group = Group.valueOf(p.group().toUpperCase(Locale.ROOT));
      Optional<Rq2Group> result = Optional.ofNullable(groups.get(group));
      List<String> inputs = data.group(group).files();
      Optional<String> value;
      if (p.source().equals(creationTable(group))) {
        value = result.map(r -> cell(r.repoCreation(), p.metric(), -1));
      } else if (p.transcript().endsWith(yearlyTranscript(group))) {
        value = result.map(r -> cell(r.yearlyStudy(), p.metric(), 6));
      } else {
        value = result.flatMap(r -> r.notebookOutputs().get(p.metric()));
      }
      out.add(value.map(v -> Recomputed.fromRows(p.source(), p.group(), p.metric(), v, inputs))
          .orElseGet(() -> Recomputed.missing(p.source(), p.group(), p.metric(), needs(group))));
    }
    return out;
  }

  /** A cell {@code <key> / <format>} of a share table, as the study printed it; absent keys read as "(no row)". */
  private static String cell(FormatShares shares, String metric, int decimals) {
    int slash = metric.indexOf(" / ");
    String key = metric.substring(0, slash);
    String format = metric.substring(slash + 3);
    int row = shares.keys().indexOf(key);
    if (row < 0) {
      return "(no row)";
    }
    int column = shares.formats().indexOf(format);
    double value = column < 0 ? 0.0 : shares.percent()[row][column];
    return decimals < 0 ? PythonFormat.repr(value) : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String needs(Group group) {
    List<Group> parts = group == Group.BOTH ? List.of(Group.LEGACY, Group.RECENT) : List.of(group);
    List<String> files = new ArrayList<>();
    for (Group g : parts) {
      files.add(StudyFiles.evolutionCsv(g));
      files.add(StudyFiles.commitsCsv(g));
      files.add(StudyFiles.reposJson(g));
    }
    return String.join(", ", files) + " (Git LFS only)";
  }

  /** Each published row's shares sum to 100; before the recent group exists, "both" equals legacy. */
  static List<Check> checks(StudyData data) {
    List<Check> checks = new ArrayList<>();
    for (Group group : Group.values()) {
      for (String name : List.of(creationTable(group), yearlyTranscript(group))) {
        data.published().table(name).map(FormatShares::of).ifPresent(shares -> {
          long off = 0;
          for (int r = 0; r < shares.keys().size(); r++) {
            if (Math.abs(shares.rowSum(r) - 100) > ROW_SUM_TOLERANCE) {
              off++;
            }
          }
          checks.add(new Check("RQ2", name + ": every row's shares sum to 100", off == 0,
              off + " of " + shares.keys().size() + " rows are off by more than " + ROW_SUM_TOLERANCE,
              List.of("published/" + name)));
        });
      }
    }
    Optional<FormatShares> both = data.published().table(creationTable(Group.BOTH)).map(FormatShares::of);
    Optional<FormatShares> legacy = data.published().table(creationTable(Group.LEGACY)).map(FormatShares::of);
    if (both.isPresent() && legacy.isPresent()) {
      List<String> differing = new ArrayList<>();
      long compared = 0;
      for (int r = 0; r < both.get().keys().size(); r++) {
        String key = both.get().keys().get(r);
        if (key.compareTo(RECENT_START) >= 0) {
          continue;
        }
        compared++;
        int lr = legacy.get().keys().indexOf(key);
        if (lr < 0 || !sharesEqual(both.get(), r, legacy.get(), lr)) {
          differing.add(key);
        }
      }
      checks.add(new Check("RQ2", creationTable(Group.BOTH) + ": months before " + RECENT_START
          + " (no recent repository yet) equal the legacy table", differing.isEmpty(),
          differing.size() + " of " + compared + " months differ" + (differing.isEmpty() ? ""
              : " (" + String.join(", ", differing) + "): the study's both table is not the union of its group tables"),
          List.of("published/" + creationTable(Group.BOTH), "published/" + creationTable(Group.LEGACY)),
          "the study's published both table differs from its legacy table in months before any recent repository"));
    }
    return checks;
  }

  private static boolean sharesEqual(FormatShares a, int ra, FormatShares b, int rb) {
    for (int f = 0; f < a.formats().size(); f++) {
      int fb = b.formats().indexOf(a.formats().get(f));
      double vb = fb < 0 ? 0.0 : b.percent()[rb][fb];
      if (Math.abs(a.percent()[ra][f] - vb) > 1e-6) {
        return false;
      }
    }
    return true;
  }
}
