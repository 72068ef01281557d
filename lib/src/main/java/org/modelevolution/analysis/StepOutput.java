package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.modelevolution.study.Group;

/**
 * What a {@link ReproductionStep} produced.
 *
 * @param comparisons every published number next to its recomputed one
 * @param files every file written (tables and figures)
 * @param figures each study figure with its counterpart here
 * @param methodNotes where the study's code departs from its stated method, and what this step did about it
 */
public record StepOutput(
    List<Comparison> comparisons, List<Path> files, List<FigureCounterpart> figures, List<String> methodNotes) {
  public StepOutput {
    comparisons = List.copyOf(comparisons);
    files = List.copyOf(files);
    figures = List.copyOf(figures);
    methodNotes = List.copyOf(methodNotes);
  }

  /** An output without method notes. */
  public StepOutput(List<Comparison> comparisons, List<Path> files, List<FigureCounterpart> figures) {
    this(comparisons, files, figures, List.of());
  }

  /**
   * Runs {@code step} for every group side by side (the groups are independent) and joins the
   * outputs in group order, with {@code methodNotes}.
   */
  static StepOutput perGroup(Function<Group, StepOutput> step, List<String> methodNotes) {
    List<StepOutput> parts = Arrays.stream(Group.values()).parallel().map(step).toList();
    List<Comparison> comparisons = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<FigureCounterpart> figures = new ArrayList<>();
    parts.forEach(o -> {
      comparisons.addAll(o.comparisons());
      files.addAll(o.files());
      figures.addAll(o.figures());
    });
    return new StepOutput(comparisons, files, figures, methodNotes);
  }

  /**
   * A figure of the study and the files drawn here for it.
   *
   * @param studyFigure the study's file name, e.g. {@code RQ1Heatmap_legacy.pdf}
   * @param files the PNG and SVG drawn here; empty when the data does not support the figure
   * @param note what the counterpart shows, or why it is missing
   */
  public record FigureCounterpart(String studyFigure, List<Path> files, String note) {
    public FigureCounterpart {
      files = List.copyOf(files);
    }
  }
}
