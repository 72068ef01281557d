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
 */
public record FigureCounterpart(String studyFigure, List<Path> files, String basis) {
  public FigureCounterpart {
    files = List.copyOf(files);
  }
}
