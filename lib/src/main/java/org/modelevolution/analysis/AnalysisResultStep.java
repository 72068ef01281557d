package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link AnalysisResult} (the RQ3 and RQ4 analyses' own result type) into a
 * {@link StepOutput}: every file written, and each figure paired with the study's figure of the
 * same name where the study drew one.
 */
final class AnalysisResultStep {
  private AnalysisResultStep() {}

  /**
   * @param studyFigures the study's figures this step redraws: the base name of the file drawn here
   *     (e.g. {@code RQ3StatusDistribution-HF-Staff}) to the study's figure file name
   * @param missingNote why a study figure is not drawn when the data at hand cannot draw it
   */
  static StepOutput toStepOutput(AnalysisResult result, Map<String, String> studyFigures, String missingNote,
      List<String> methodNotes) {
    List<Path> files = new ArrayList<>(result.tables());
    files.addAll(result.figures());
    Map<String, List<Path>> drawn = new LinkedHashMap<>();
    for (Path figure : result.figures()) {
      String name = figure.getFileName().toString();
      drawn.computeIfAbsent(name.substring(0, name.lastIndexOf('.')), k -> new ArrayList<>()).add(figure);
    }
    List<StepOutput.FigureCounterpart> figures = new ArrayList<>();
    studyFigures.forEach((baseName, studyFigure) -> {
      List<Path> here = drawn.getOrDefault(baseName, List.of());
      figures.add(new StepOutput.FigureCounterpart(studyFigure, here,
          here.isEmpty() ? missingNote : "redrawn from the recomputed numbers"));
    });
    Set<String> counterparts = studyFigures.keySet();
    drawn.forEach((baseName, here) -> {
      if (!counterparts.contains(baseName)) {
        figures.add(new StepOutput.FigureCounterpart("(none)", here, "additional figure of this reproduction: " + baseName));
      }
    });
    return new StepOutput(result.comparisons(), files, figures, methodNotes);
  }
}
