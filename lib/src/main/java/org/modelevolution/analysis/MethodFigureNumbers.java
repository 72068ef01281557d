package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.modelevolution.perception.CochranSample;
import org.modelevolution.study.Group;
import org.modelevolution.study.PublishedNumber;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFiles;

/**
 * The numbers the study's method figure ({@code assets/MethodArtifacts.png}) prints, typed into the
 * transcript: each compared with the study's tables where they determine it, with the coding
 * database where it holds the count, else with what it needs. The figure contradicts the tables
 * twice: it gives 1,073 repositories per group where {@code rq1_dataset_stats_{group}.csv} count
 * 1,703, and swaps the groups' commit counts (13,338 is the recent table's, 8,967 the legacy's); those
 * rows are {@code differs} with the table's number as the recomputed one.
 */
final class MethodFigureNumbers {
  static final String SOURCE = "MethodArtifacts.png";

  private MethodFigureNumbers() {}

  /** The figure's numbers of one research question ({@code "RQ1"}, {@code "RQ3"}, {@code "RQ4"}). */
  static List<Recomputed> of(StudyData data, String rq) {
    List<Recomputed> out = new ArrayList<>();
    for (PublishedNumber p : data.published().numbers()) {
      if (p.source().equals(SOURCE) && p.rq().equals(rq)) {
        out.add(recompute(data, p));
      }
    }
    return out;
  }

  private static Recomputed recompute(StudyData data, PublishedNumber p) {
    String m = p.metric();
    if (m.startsWith("model repositories listed")) {
      return missing(p, "hf_sort_by_createdAt_top1209240.json.zip (the Hub listing; Git LFS only)");
    }
    if (m.endsWith("repositories (selected_" + p.group() + "_repos.json)")) {
      Group group = Group.valueOf(p.group().toUpperCase(Locale.ROOT));
      return fromTable(data, p, StudyFiles.rq1Stats(group), p.group(), "# repos",
          "the figure contradicts the study's table: " + StudyFiles.rq1Stats(group) + " counts %s repositories");
    }
    if (m.startsWith("commits (")) {
      Group group = Group.valueOf(p.group().toUpperCase(Locale.ROOT));
      return fromTable(data, p, StudyFiles.rq1Stats(group), p.group(),
          "# commits modifying/adding/deleting at least one serialized model",
          "the figure contradicts the study's table: " + StudyFiles.rq1Stats(group) + " counts %s commits"
              + " (the figure swaps the legacy and recent counts)");
    }
    if (m.startsWith("PRs retrieved")) {
      return fromTable(data, p, "rq3_dataset_stats.csv", "", "Number of collected PRs", "");
    }
    if (m.startsWith("PRs after merging and filtering")) {
      return fromTable(data, p, "rq3_dataset_stats.csv", "", "Number of PRs after filtering by URL", "");
    }
    if (m.startsWith("SO questions retrieved")) {
      Optional<Long> coded = data.coding().map(c -> c.postsPerSource().getOrDefault("StackOverflow", 0L));
      if (coded.isPresent() && coded.get() > 0) {
        return new Recomputed(p.source(), p.group(), m, Optional.of(grouped(coded.get())),
            Recomputed.Basis.INPUT_ROWS, List.of(StudyFiles.CODING_DATABASE), "", Recomputed.Missing.NOTHING,
            Optional.empty(), "Stack Overflow posts in the coding database (questions and answers); the figure's "
                + "SO_data_safetensor.json is Git LFS only, so that they are the same posts is not checked");
      }
      return missing(p, "SO_data_safetensor.json (Git LFS only)");
    }
    String needs = m.startsWith("GitHub PRs retrieved") ? "GH_data_safetensor.json (Git LFS only)"
        : m.startsWith("HF discussions retrieved") ? "converter_discussions.csv (Git LFS only)"
        : m.startsWith("GitHub PRs after") ? "GH_data_safetensor_sorted.csv (Git LFS only)"
        : m.startsWith("SO questions after") ? "SO_data_safetensor_sorted.csv (Git LFS only)"
        : m.startsWith("HF discussions after") ? "converter_discussions_sorted.csv (Git LFS only)"
        : "no analysis here recomputes this number";
    if (m.contains("after sorting by cosine similarity and sampling")) {
      needs += "; Cochran's sample (95% confidence, 5% margin, as analyze_devs_discussion.py draws it) of the "
          + "figure's own counts would be " + cochran(data, m);
    }
    return missing(p, needs);
  }

  /** Cochran's sample of the figure's count before sampling, for the same platform. */
  private static String cochran(StudyData data, String metric) {
    String platform = metric.substring(0, metric.indexOf(" after"));
    return data.published().numbers().stream()
        .filter(n -> n.source().equals(SOURCE) && n.metric().startsWith(platform + " retrieved")).findFirst()
        .map(n -> grouped(CochranSample.STUDY.size(Integer.parseInt(n.value().replace(",", "")))) + " of "
            + n.value()).orElse("unknown");
  }

  private static Recomputed fromTable(StudyData data, PublishedNumber p, String table, String group, String metric,
      String contradiction) {
    Optional<String> value = data.published().value(table, group, metric);
    if (value.isEmpty()) {
      return missing(p, "the published " + table);
    }
    String recomputed = grouped(Math.round(Double.parseDouble(value.get())));
    String note = "the published " + table + " (" + metric + ")";
    if (!recomputed.equals(p.value()) && !contradiction.isEmpty()) {
      note = String.format(Locale.ROOT, contradiction, recomputed);
    }
    return Recomputed.fromPublished(p.source(), p.group(), p.metric(), recomputed, List.of("published/" + table),
        note);
  }

  private static Recomputed missing(PublishedNumber p, String needs) {
    return Recomputed.missing(p.source(), p.group(), p.metric(), needs);
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
