package org.modelevolution.reproduction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.modelevolution.io.AtomicFiles;

/**
 * The files one research question's step writes into its folder, each written atomically and
 * remembered for provenance; files that would copy text others wrote (post titles and bodies in the
 * coding sheet, PR titles) are marked as not committed (they are git-ignored, see {@code .gitignore}).
 */
final class Outputs {
  /**
   * Outputs that copy text others wrote (post titles and bodies, PR titles, page text): written
   * locally, never committed. Ids, dates, codes and numbers are committed (the fastest adopters, the
   * rankings, the coding sheet's codes).
   */
  static final Pattern NOT_COMMITTED = Pattern.compile(
      "rq4_coding_sheet\\.csv|rq3_relevant_discussions\\.csv|rq3_malformed_pages\\.csv");

  private final Path dir;
  private final List<Path> written = new ArrayList<>();
  private final List<FigureCounterpart> figures = new ArrayList<>();
  private final List<FigureCounterpart> extras = new ArrayList<>();

  Outputs(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw org.modelevolution.io.IoErrors.unchecked("cannot create " + dir, e);
    }
  }

  static boolean committed(Path file) {
    return !NOT_COMMITTED.matcher(file.getFileName().toString()).matches();
  }

  Path dir() {
    return dir;
  }

  /** Writes a text file (a table) into the folder. */
  Path text(String name, String content) {
    Path file = dir.resolve(name);
    AtomicFiles.writeString(file, content);
    written.add(file);
    return file;
  }

  /** Records figure files a chart wrote, and the study figure they stand for. */
  /** Saves a study figure's counterpart as {@code baseName.png/.svg} and records it with the chart's differences. */
  List<Path> figure(String studyFigure, org.modelevolution.charts.Figure figure, String baseName, String basis) {
    List<Path> files = figure.save(dir(), baseName);
    written.addAll(files);
    figures.add(new FigureCounterpart(studyFigure, files, basis, figure.differences()));
    return files;
  }

  List<Path> figure(String studyFigure, List<Path> files, String basis) {
    written.addAll(files);
    figures.add(new FigureCounterpart(studyFigure, files, basis));
    return files;
  }

  /**
   * Records a study figure that is another study figure under an earlier name: it points at that
   * figure's files, which are recorded (and checksummed) once, under the figure they were drawn for.
   */
  void sameAs(String studyFigure, List<Path> files, String basis) {
    figures.add(new FigureCounterpart(studyFigure, files, basis));
  }

  /** Records figure files without a counterpart among the study's figures (shown separately in the report). */
  List<Path> extraFigure(String what, List<Path> files, String basis) {
    written.addAll(files);
    extras.add(new FigureCounterpart(what, files, basis));
    return files;
  }

  /** Records a file another writer wrote into the folder. */
  Path recorded(Path file) {
    written.add(file);
    return file;
  }

  /** Records a study figure that the data at hand do not determine. */
  void notDrawn(String studyFigure, String why) {
    figures.add(new FigureCounterpart(studyFigure, List.of(), why));
  }

  /** Appends what {@code other} (a record of the same folder, filled separately) wrote and recorded. */
  void append(Outputs other) {
    written.addAll(other.written);
    figures.addAll(other.figures);
    extras.addAll(other.extras);
  }

  List<Path> written() {
    return List.copyOf(written);
  }

  List<FigureCounterpart> figures() {
    return List.copyOf(figures);
  }

  List<FigureCounterpart> extraFigures() {
    return List.copyOf(extras);
  }
}
