package org.modelevolution.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catalogue of the study's figures ({@code data/study-figures.csv}, carried in the jar): for each
 * figure of the study's {@code results/} (and the project's further figures) what it shows, how the
 * study drew it, which notebook cell draws it and the claim it supports.
 */
public final class StudyFigures {
  /** The name under which the jar carries its copy of {@code data/study-figures.csv}. */
  static final String BUNDLED = "/org/modelevolution/study/study-figures.csv";
  /** The {@code study_file} of a figure the study did not draw. */
  static final String NOT_IN_STUDY = "(none";

  /**
   * One figure.
   *
   * @param studyFile e.g. {@code results/RQ1Heatmap_legacy.pdf}, or a "(none: ...)" note for a project figure
   * @param researchQuestion RQ1..RQ4
   * @param notebookCell the study's notebook and cell that draws it
   * @param quantity what is plotted
   * @param encoding how the study drew it
   * @param ourFile the base name of the PNG/SVG written here (the study's name)
   * @param chartClass the class in {@code charts} that draws it
   * @param inputsNeeded what the chart needs
   * @param claim the paper's claim it supports
   * @param notes differences and caveats
   */
  public record Figure(String studyFile, String researchQuestion, String notebookCell, String quantity,
      String encoding, String ourFile, String chartClass, String inputsNeeded, String claim, String notes) {
    /** Whether the study's {@code results/} holds this figure. */
    public boolean inStudy() {
      return !studyFile.startsWith(NOT_IN_STUDY);
    }

    /** The study's file name without {@code results/}, e.g. {@code RQ1Heatmap_legacy.pdf}. */
    public String studyName() {
      return studyFile.substring(studyFile.lastIndexOf('/') + 1);
    }
  }

  private StudyFigures() {}

  /** Every figure of the catalogue, in its order. */
  public static List<Figure> all() {
    try (InputStream in = StudyFigures.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new StudyDataException("the library carries no figure catalogue (" + BUNDLED + ")");
      }
      try (Stream<CsvRecords.CsvRecord> records = CsvRecords.stream(in, "data/study-figures.csv")) {
        return records.map(r -> new Figure(field(r, "study_file"), field(r, "research_question"),
            field(r, "notebook_cell"), field(r, "quantity"), field(r, "encoding"), field(r, "our_file"),
            field(r, "chart_class"), field(r, "inputs_needed"), field(r, "paper_claim"), field(r, "notes")))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the figure catalogue", e);
    }
  }

  /** The figures of the study's {@code results/}. */
  public static List<Figure> inStudy() {
    return all().stream().filter(Figure::inStudy).toList();
  }

  private static String field(CsvRecords.CsvRecord record, String column) {
    String value = record.get(column);
    if (value == null) {
      throw new StudyDataException("data/study-figures.csv line " + record.number() + " has no " + column);
    }
    return value;
  }
}
