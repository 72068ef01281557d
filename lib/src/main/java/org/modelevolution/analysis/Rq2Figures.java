package org.modelevolution.analysis;

import java.nio.file.Path;
import java.util.List;
import org.modelevolution.charts.ChartFiles;
import org.modelevolution.charts.FormatCharts;

/** Draws RQ2 stacked-share figures (PNG and SVG) and returns their paths, PNG first. */
public final class Rq2Figures {
  private Rq2Figures() {}

  /** A stacked bar per month or year, one segment per format, written as {@code baseName.png/.svg}. */
  public static List<Path> stacked(FormatShares shares, String title, Path outDir, String baseName) {
    String xTitle = shares.keyColumn().equals("year") ? "year" : "repository creation month";
    return ChartFiles.save(FormatCharts.stackedShares(title, xTitle, shares.keys(), shares.seriesByFormat()), outDir, baseName);
  }
}
