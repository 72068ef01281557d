package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.modelevolution.study.AdditionFile;
import org.modelevolution.study.EvolutionRow;
import org.modelevolution.study.Group;
import org.modelevolution.study.SafetensorsAddition;
import org.modelevolution.study.StudyData;

/** Consistency checks on the RQ1 inputs: what the addition files say about themselves and about each other. */
final class Rq1Checks {
  private Rq1Checks() {}

  static List<Check> of(StudyData data) {
    List<Check> checks = new ArrayList<>();
    List<AdditionFile> files = new ArrayList<>();
    files.addAll(data.legacy().additionFiles());
    files.addAll(data.recent().additionFiles());
    files.addAll(data.publishedBoth());
    data.iteration2024().ifPresent(i -> files.addAll(i.additions()));
    for (AdditionFile file : files) {
      checks.addAll(ofFile(file));
    }
    for (AdditionFile both : data.publishedBoth()) {
      checks.add(bothIsRecentThenLegacy(data, both));
    }
    data.iteration2024().ifPresent(i -> i.formatRows().ifPresent(rows -> checks.add(converterCommits2024(i, rows))));
    return checks;
  }

  /**
   * The study's heat maps label exactly the days with added files: for each group whose additions
   * are all at hand and whose figure's cells are transcribed, the labelled days of 2022-2024 are the
   * days with a non-zero count here (the cell values themselves are compared as published numbers).
   */
  static List<Check> heatmapCells(StudyData data, java.util.Map<Group, Rq1Group> groups) {
    List<Check> checks = new ArrayList<>();
    for (Group group : Group.values()) {
      String figure = "RQ1Heatmap_" + group.fileSuffix() + ".pdf";
      Set<java.time.LocalDate> labelled = new java.util.TreeSet<>();
      data.published().numbers().stream().filter(p -> p.source().equals(figure)
          && p.metric().endsWith(Rq1Numbers.HEATMAP_CELL)).forEach(p -> labelled.add(java.time.LocalDate.parse(
              p.metric().substring(0, p.metric().length() - Rq1Numbers.HEATMAP_CELL.length()))));
      Rq1Group result = groups.get(group);
      if (labelled.isEmpty() || result == null || !result.developerAdditionsKnown()) {
        continue;
      }
      Set<java.time.LocalDate> ours = new java.util.TreeSet<>();
      result.filesPerDay().forEach((day, n) -> {
        if (n > 0 && day.getYear() >= 2022 && day.getYear() <= 2024) {
          ours.add(day);
        }
      });
      Set<java.time.LocalDate> onlyOurs = new java.util.TreeSet<>(ours);
      onlyOurs.removeAll(labelled);
      Set<java.time.LocalDate> onlyStudy = new java.util.TreeSet<>(labelled);
      onlyStudy.removeAll(ours);
      checks.add(new Check("RQ1", figure + ": its labelled cells are exactly the days with added files (2022-2024)",
          onlyOurs.isEmpty() && onlyStudy.isEmpty(), labelled.size() + " labelled days; " + onlyOurs.size()
              + " days with additions unlabelled in the study's figure, " + onlyStudy.size()
              + " labelled days without additions here", data.group(group).files()));
    }
    return checks;
  }

  private static List<Check> ofFile(AdditionFile file) {
    List<String> inputs = List.of(file.name());
    long rows = file.rows().size();
    return List.of(
        new Check("RQ1", file.name() + ": every row is an added safetensors file",
            file.notSafetensors() == 0 && file.notAdded() == 0,
            rows + " rows; " + file.notSafetensors() + " not safetensors, " + file.notAdded()
                + " not added by their commit", inputs),
        new Check("RQ1", file.name() + ": elapsed_days is the whole days from the reference date to date",
            file.elapsedDaysMismatch() == 0, file.elapsedDaysMismatch() + " of " + rows + " rows disagree", inputs),
        new Check("RQ1", file.name() + (file.byConverter()
                ? ": every row's message carries the converter's text"
                : ": no row's message carries the converter's text"),
            file.wrongKind() == 0, file.wrongKind() + " of " + rows + " rows disagree", inputs));
  }

  /** The study's "both" file is its recent rows followed by its legacy rows, row for row. */
  private static Check bothIsRecentThenLegacy(StudyData data, AdditionFile both) {
    Stream<AdditionFile> parts = Stream.concat(data.recent().additionFiles().stream(),
        data.legacy().additionFiles().stream()).filter(f -> f.byConverter() == both.byConverter());
    List<AdditionFile> partList = parts.toList();
    List<SafetensorsAddition> expected = partList.stream().flatMap(f -> f.rows().stream()).toList();
    List<String> inputs = new ArrayList<>(List.of(both.name()));
    partList.forEach(f -> inputs.add(f.name()));
    boolean complete = partList.size() == 2;
    boolean equal = complete && expected.equals(both.rows());
    return new Check("RQ1", both.name() + ": the recent group's rows followed by the legacy group's, row for row",
        equal, complete
            ? both.rows().size() + " rows; recent + legacy = " + expected.size() + (equal ? ", identical" : ", not identical")
            : "the group files of " + Group.RECENT.fileSuffix() + " and " + Group.LEGACY.fileSuffix()
                + " are not both at hand",
        inputs);
  }

  /**
   * The 2024 format table, which kept no change status, still determines the number of the
   * converter's commits: the converter only ever adds files. The two files come from different
   * runs of the pipeline, so the commits themselves may differ.
   */
  private static Check converterCommits2024(StudyData.Iteration2024 iteration, List<EvolutionRow> rows) {
    Set<String> fromTable = new HashSet<>();
    rows.stream().filter(r -> r.byConverter() && "safetensors".equals(r.format()))
        .forEach(r -> fromTable.add(r.repo() + '\u0000' + r.commit()));
    Set<String> fromFile = new HashSet<>();
    iteration.additions().stream().filter(AdditionFile::byConverter).flatMap(f -> f.rows().stream())
        .forEach(a -> fromFile.add(a.commitKey()));
    long onlyInTable = fromTable.stream().filter(c -> !fromFile.contains(c)).count();
    long onlyInFile = fromFile.stream().filter(c -> !fromTable.contains(c)).count();
    List<String> inputs = List.of(org.modelevolution.study.StudyFiles.EVOLUTION_2024,
        org.modelevolution.study.StudyFiles.BY_TOOL_2024);
    return new Check("RQ1", "2024 format table: as many converter commits adding safetensors as the 2024 converter file",
        fromTable.size() == fromFile.size(), fromTable.size() + " in the format table, " + fromFile.size()
            + " in the converter file; " + onlyInTable + " commits are only in the table and " + onlyInFile
            + " only in the file (the files come from different runs)", inputs);
  }
}
