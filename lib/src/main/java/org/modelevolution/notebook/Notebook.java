package org.modelevolution.notebook;

import java.util.Locale;
import org.modelevolution.study.Group;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudySources;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.modelevolution.environment.ProjectLayout;

/**
 * The few conveniences notebooks share, so that their cells stay one-liners over the library.
 *
 * <p>Notebooks run in two modes. A full run ({@code make reproduce}) writes into {@code results/}
 * and its outputs are committed. A smoke run ({@code make test}, environment variable
 * {@code SFSTUDY_SMOKE=1}) exercises the same code on small inputs and writes into a temporary
 * folder, so testing never touches tracked files.
 */
public final class Notebook {
  private Notebook() {}

  /** True in the fast test mode. */
  public static boolean smoke() {
    return "1".equals(System.getenv("SFSTUDY_SMOKE"));
  }

  /** True when the user asked the data-collection notebooks to mine ({@code SFSTUDY_MINE=1}). */
  public static boolean mineRequested() {
    return "1".equals(System.getenv("SFSTUDY_MINE"));
  }

  /**
   * Where a data-collection notebook keeps what it mines: {@code data/downloads/<name>} (git-ignored)
   * in a full run, a fresh temporary folder in a smoke run.
   */
  public static Path dataDir(String name) {
    try {
      Path dir = smoke()
          ? Files.createTempDirectory("sfstudy-smoke-" + name)
          : layout().downloads().resolve(name);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder for " + name, e);
    }
  }

  public static ProjectLayout layout() {
    return ProjectLayout.discover();
  }

  /** The group a research-question notebook shows: {@code SFSTUDY_GROUP} when set, else {@code fallback}. */
  public static Group group(Group fallback) {
    String value = System.getenv("SFSTUDY_GROUP");
    return value == null || value.isBlank() ? fallback : Group.valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  /** The study's data folder: {@code STUDY_DATA} when set, else {@code ../shared/study}. */
  public static Path studyData() {
    return layout().studyData();
  }

  /** Loads the study's data from {@code dir} (and the download cache), through the one door in. */
  public static StudyData load(Path dir) {
    return Study.load(StudySources.of(layout(), dir));
  }

  /**
   * Where each of the study's inputs is read from with the data at hand ({@code STUDY_DATA}, else
   * the committed cache {@code data/cache}): one row per input, and the one sentence that says
   * which source it is.
   */
  public static Table inputSources() {
    StudySources sources = StudySources.of(layout());
    StringColumn input = StringColumn.create("input");
    StringColumn from = StringColumn.create("read from");
    sources.whereInputsAreRead().forEach((name, where) -> {
      input.append(name);
      from.append(where);
    });
    return Table.create("Inputs: " + sources.describe(), input, from);
  }

  /**
   * The files a research question's numbers rest on, as read: path, SHA-256 prefix and how it
   * compares with the pinned manifest.
   */
  public static Table inputs(StudyData data, String rq) {
    StringColumn file = StringColumn.create("file");
    StringColumn sha = StringColumn.create("SHA-256");
    StringColumn status = StringColumn.create("manifest");
    for (InputFile input : data.inputs()) {
      if (InputsOfQuestion.serves(input.fileName(), rq)) {
        file.append(input.path());
        sha.append(input.sha256().substring(0, 12) + "…");
        status.append(input.status().label());
      }
    }
    return Table.create("files read for " + rq, file, sha, status);
  }

  /**
   * Where a notebook writes its outputs: {@code results/<name>} in a full run, a fresh temporary
   * folder in a smoke run.
   */
  public static Path outputDir(String name) {
    try {
      Path dir = smoke()
          ? Files.createTempDirectory("sfstudy-smoke-" + name)
          : layout().results().resolve(name);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the output folder for " + name, e);
    }
  }

  /**
   * The root of all results: {@code results/} in a full run, a fresh temporary folder in a smoke
   * run. The reproduction report writes here, with one folder per research question below it.
   */
  public static Path resultsDir() {
    try {
      return smoke()
          ? Files.createTempDirectory("sfstudy-smoke-results")
          : Files.createDirectories(layout().results());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the results folder", e);
    }
  }

  /** A path as shown in notebook output: relative to the project root, never absolute. */
  public static String show(Path path) {
    Path root = layout().root();
    Path absolute = path.toAbsolutePath().normalize();
    if (smoke() || !absolute.startsWith(root)) {
      return absolute.getFileName().toString();
    }
    return root.relativize(absolute).toString();
  }

  /**
   * Loads a PNG written by the library, for display: a cell whose last expression is the returned
   * image shows it inline. Accepts the path list returned by {@code ChartFiles.save} (PNG first).
   */
  public static BufferedImage figure(List<Path> files) {
    return figure(files.get(0));
  }

  public static BufferedImage figure(Path png) {
    try {
      BufferedImage image = ImageIO.read(png.toFile());
      if (image == null) {
        throw new IOException("not a readable image");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read figure " + png, e);
    }
  }
}
