package org.modelevolution.reproduction;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyFigures;

/**
 * {@code FIGURES.md}: where a reviewer holding the study starts. For every figure of the study's
 * {@code results/} (the catalogue {@code data/study-figures.csv}) and the project's further figures:
 * the claim it supports, the file here, the notebook that draws it, what it rests on and whether it
 * is the study's figure; then a gallery with each image inline. Deterministic: no dates, no absolute
 * paths.
 */
final class FiguresReport {
  /** Where each research question's figures are drawn (all of them also by notebook 06's {@code Reproduction.run}). */
  private static final Map<String, String> NOTEBOOKS = Map.of(
      "RQ1", "`notebooks/02-rq1-adoption.ipynb`, section \"Every group's figures\" (one cell per group and figure; the"
          + " `group` parameter's own figures in the section before it)",
      "RQ2", "`notebooks/03-rq2-formats.ipynb`, section \"Every group's figures\" (one cell per group and figure)",
      "RQ3", "`notebooks/04-rq3-bot-prs.ipynb`: the cell `Reproduction.rq3(rq3, data, ...)` writes every RQ3 figure;"
          + " section \"The status figures\" shows them",
      "RQ4", "`notebooks/05-rq4-perceptions.ipynb`: the cell `Reproduction.rq4(rq4, ...)`");
  private static final String EVERY_FIGURE = "; every figure is also shown by"
      + " `notebooks/06-reproduction-report.ipynb`, one cell each (`Reproduction.run`, then `result.png(...)`)";

  private FiguresReport() {}

  static String render(StudyData data, List<FigureCounterpart> figures, List<FigureCounterpart> extras,
      Path outDir) {
    Map<String, FigureCounterpart> byName = new LinkedHashMap<>();
    figures.forEach(f -> byName.putIfAbsent(f.studyFigure(), f));
    Map<String, FigureCounterpart> extrasByFile = new LinkedHashMap<>();
    extras.forEach(f -> f.files().stream().findFirst().ifPresent(p -> extrasByFile.put(baseName(p), f)));
    List<StudyFigures.Figure> catalogue = StudyFigures.all();
    StringBuilder md = new StringBuilder("# Figures\n\n");
    md.append("Every figure of the study's `results/` (its PDFs, listed in `data/study-figures.csv` with the claim")
        .append(" each supports and how the study drew it), the figure drawn here under the study's name, the")
        .append(" notebook that draws it, what it rests on, and whether it shows what the study's shows. The")
        .append(" numbers behind the figures are compared one by one in `REPRODUCTION.md`. Data: ")
        .append(Figures.basis(data)).append("; release markers from ").append(data.releases().source())
        .append(".\n\n");
    md.append("| study figure | RQ | status | here | rests on |\n|---|---|---|---|---|\n");
    for (StudyFigures.Figure figure : catalogue) {
      Optional<FigureCounterpart> ours = counterpart(figure, byName, extrasByFile);
      md.append("| ").append(figure.inStudy() ? "`" + figure.studyName() + "`" : "— (project figure `"
              + figure.ourFile() + "`)").append(" | ").append(figure.researchQuestion()).append(" | ")
          .append(ReproductionReport.cell(status(figure, ours))).append(" | ")
          .append(ours.map(f -> ReproductionReport.links(f, outDir)).orElse("—")).append(" | ")
          .append(ReproductionReport.cell(ours.map(FigureCounterpart::basis).orElse("—"))).append(" |\n");
    }
    List<FigureCounterpart> further = extras.stream()
        .filter(f -> catalogue.stream().noneMatch(c -> counterpart(c, byName, extrasByFile).orElse(null) == f))
        .toList();
    if (!further.isEmpty()) {
      md.append("\nFurther figures (not in the study's `results/`):\n\n| figure | here | rests on |\n|---|---|---|\n");
      further.forEach(f -> md.append("| ").append(ReproductionReport.cell(f.studyFigure())).append(" | ")
          .append(ReproductionReport.links(f, outDir)).append(" | ").append(ReproductionReport.cell(f.basis()))
          .append(" |\n"));
    }
    md.append("\n## Gallery\n\n");
    md.append("Each figure with what it claims and shows; the study's own PDF is in its repository under the same")
        .append(" name. A figure wider than a page column is shown as its notebook-width drawing (`notebook-width/`,")
        .append(" same font sizes), linked to the study-size file.\n\n");
    for (StudyFigures.Figure figure : catalogue) {
      Optional<FigureCounterpart> ours = counterpart(figure, byName, extrasByFile);
      md.append("### ").append(figure.inStudy() ? figure.studyName() : figure.ourFile() + " (project figure)")
          .append("\n\n");
      md.append("- **Claim**: ").append(figure.claim()).append('\n');
      md.append("- **Quantity**: ").append(figure.quantity()).append('\n');
      md.append("- **The study's drawing**: ").append(figure.encoding()).append('\n');
      md.append("- **Study notebook**: ").append(figure.notebookCell()).append('\n');
      md.append("- **Drawn here by**: ").append(NOTEBOOKS.getOrDefault(notebookRq(figure), "—")).append(EVERY_FIGURE)
          .append(" (class `charts.").append(figure.chartClass()).append("`)\n");
      md.append("- **Rests on**: ").append(ours.map(FigureCounterpart::basis).orElse("—")).append('\n');
      md.append("- **Status**: ").append(status(figure, ours)).append('\n');
      List<String> differences = ours.map(FigureCounterpart::differences).orElse(List.of());
      if (!differences.isEmpty()) {
        md.append("- **Differences from the study's drawing** (as drawn here):\n");
        differences.forEach(d -> md.append("  - ").append(d).append('\n'));
      }
      if (!figure.notes().isBlank()) {
        md.append("- **About the study's figure**: ").append(figure.notes()).append('\n');
      }
      md.append('\n');
      ours.ifPresent(f -> md.append(galleryImage(f, outDir)));
    }
    for (FigureCounterpart f : further) {
      md.append("### ").append(f.studyFigure()).append("\n\n- **Rests on**: ").append(f.basis()).append("\n\n");
      md.append(galleryImage(f, outDir));
    }
    return md.toString();
  }

  /** The notebook of a figure: the RQ of its file name (RQ4TimeToFirstResponse is an RQ3 figure). */
  private static String notebookRq(StudyFigures.Figure figure) {
    return figure.chartClass().equals("ResponseTimeBoxChart") ? "RQ3" : figure.researchQuestion();
  }

  private static Optional<FigureCounterpart> counterpart(StudyFigures.Figure figure,
      Map<String, FigureCounterpart> byName, Map<String, FigureCounterpart> extrasByFile) {
    return figure.inStudy() ? Optional.ofNullable(byName.get(figure.studyName()))
        : Optional.ofNullable(extrasByFile.get(figure.ourFile()));
  }

  /** same / partial with why / not drawable with the missing input. */
  static String status(StudyFigures.Figure figure, Optional<FigureCounterpart> ours) {
    if (ours.isEmpty()) {
      return "not drawable: not produced by this run";
    }
    FigureCounterpart f = ours.get();
    if (f.files().isEmpty()) {
      return "not drawable: " + f.basis().replaceFirst("^not drawn: ", "");
    }
    String kind = figure.inStudy() ? "same quantity and encoding" : "project figure (no study counterpart)";
    int partial = f.basis().indexOf("partial:");
    if (partial >= 0) {
      return "partial: " + f.basis().substring(partial + "partial:".length()).strip();
    }
    if (f.basis().contains("redrawn, not recomputed")) {
      return kind + ", redrawn from the study's published bar labels (not recomputed; the PRs per bar are not"
          + " published)";
    }
    if (f.basis().startsWith(Rq2Files.PUBLISHED_TABLE)) {
      return kind + ", from the published table (it gives no n: repositories/files per key unavailable)";
    }
    if (f.basis().startsWith("SYNTHETIC")) {
      return kind + ", on SYNTHETIC inputs (not the study's data)";
    }
    return kind;
  }

  /**
   * A figure inline in the gallery: its notebook-width variant (text at its drawn size in a page
   * column), linked to the study-size PNG; the PNG itself when it has no variant; empty without one.
   */
  private static String galleryImage(FigureCounterpart f, Path outDir) {
    Optional<Path> png = png(f);
    if (png.isEmpty()) {
      return "";
    }
    Path variant = org.modelevolution.charts.Figure.notebookWidthPng(png.get());
    String study = relative(png.get(), outDir);
    if (f.files().contains(variant)) {
      return "[![" + baseName(png.get()) + "](" + relative(variant, outDir) + ")](" + study + ")\n\n";
    }
    return "![" + baseName(png.get()) + "](" + study + ")\n\n";
  }

  private static Optional<Path> png(FigureCounterpart f) {
    return f.files().stream().filter(p -> p.getFileName().toString().endsWith(".png")).findFirst();
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static String relative(Path file, Path outDir) {
    return outDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
        .replace('\\', '/').replace(" ", "%20");
  }
}
