package org.modelevolution.reproduction;

import java.nio.file.Path;
import java.util.List;

/**
 * A figure of the study (a PDF of its {@code results/}) and what is drawn here for it.
 *
 * @param studyFigure the study's file name, e.g. {@code RQ1Heatmap_legacy.pdf}
 * @param files the PNG and SVG drawn here; empty when the data at hand do not determine the figure
 * @param basis what the counterpart rests on (published rows, a published table, partial, SYNTHETIC), or why
 *     it is not drawn
 * @param differences how the drawing differs from the study's, as the chart says from what it drew
 */
public record FigureCounterpart(String studyFigure, List<Path> files, String basis, List<String> differences) {
  public FigureCounterpart {
    files = List.copyOf(files);
    differences = List.copyOf(differences);
  }

  public FigureCounterpart(String studyFigure, List<Path> files, String basis) {
    this(studyFigure, files, basis, List.of());
  }
}
