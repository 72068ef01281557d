package org.modelevolution.notebook;

import java.util.Locale;
import org.modelevolution.analysis.Rq1Group;
import org.modelevolution.analysis.Rq1Result;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.modelevolution.environment.ProjectLayout;

/**
 * The few conveniences notebooks share, so that their cells stay one-liners over the library.
 *
 * <p>Notebooks run in two modes. A full run ({@code make reproduce}) writes into {@code results/}
 * and its outputs are committed. A smoke run ({@code make test}, environment variable
 * {@code SFSTUDY_SMOKE=1}) exercises the same code on small inputs and writes into a temporary
 * folder, so testing never touches tracked files. A full run that must not touch them either (the
 * browser test) sets {@code SFSTUDY_RESULTS} to another folder: outputs go there and are shown as
 * if they were in {@code results/}, so the notebook's outputs are those of a run into {@code results/}.
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

  /**
   * The group a research-question notebook shows, as its parameters cell names it. The cell is the
   * only place it is set (no environment variable overrides it): {@code make notebook NB=02
   * GROUP=recent} rewrites the cell itself.
   */
  public static Group group(Group group) {
    return group;
  }

  /** The same, written as text: {@code "legacy"}, {@code "recent"} or {@code "both"} (any case). */
  public static Group group(String name) {
    String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    for (Group group : Group.values()) {
      if (group.name().equals(wanted)) {
        return group;
      }
    }
    throw new IllegalArgumentException("group \"" + name + "\" is not one of the study's groups: "
        + "\"legacy\", \"recent\" or \"both\"");
  }

  /** The study's data folder: {@code STUDY_DATA} when set, else {@code ../shared/study}. */
  public static Path studyData() {
    return layout().studyData();
  }

  /**
   * Loads the study's data from {@code dir} (and the download cache), through the one door in.
   * When not one of the study's files is found, it stops here and says where it looked and how to
   * get them, rather than letting a later cell fail on an absent value.
   */
  public static StudyData load(Path dir) {
    StudyData data = Study.load(StudySources.of(layout(), dir));
    if (data.inputs().isEmpty()) {
      throw new IllegalStateException(noStudyData(dir));
    }
    return data;
  }

  /**
   * RQ1 of one group, or a stop that says what is missing: a group has a result only when the data
   * at hand hold its safetensors additions (its full inputs or the study's published rows), so with
   * part of the study's files a later cell would otherwise fail on an absent value.
   */
  public static Rq1Group rq1Group(Rq1Result rq1, Group group) {
    return rq1.group(group).orElseThrow(() -> new IllegalStateException("RQ1 has no result for the " + group
        + " group: the study data at hand hold no safetensors additions for it (neither its full inputs nor the"
        + " study's published rows). Groups with data: " + rq1.groups().keySet() + ". Notebook 00 lists which of"
        + " the study's files are found and which are missing. To get them: put the shared copy of the study's data"
        + " at ../shared/study beside this checkout, or set STUDY_DATA to a folder holding them (then restart the"
        + " kernel), or run `java -jar lib/target/safetensors-study.jar reproduce --download` to fetch the pinned"
        + " originals into data/cache/."));
  }

  /** What to do when none of the study's files is at hand. */
  static String noStudyData(Path dir) {
    return "None of the study's data files was found in " + dir.toAbsolutePath().normalize()
        + " (STUDY_DATA, default ../shared/study) nor in data/cache/. The files are listed with their checksums in "
        + "data/study-manifest.json. To get them: put the shared copy of the study's data at ../shared/study beside "
        + "this checkout, or set STUDY_DATA to a folder holding them (then restart the kernel), or run "
        + "`java -jar lib/target/safetensors-study.jar reproduce --download` to fetch the pinned originals into "
        + "data/cache/. Notebook 00 lists which files are found.";
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
          : resultsRoot().resolve(name);
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
          : Files.createDirectories(resultsRoot());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the results folder", e);
    }
  }

  /** {@code results/}, or the folder {@code SFSTUDY_RESULTS} names. */
  private static Path resultsRoot() {
    String override = System.getenv("SFSTUDY_RESULTS");
    return override == null || override.isBlank()
        ? layout().results()
        : Path.of(override).toAbsolutePath().normalize();
  }

  /** A path as shown in notebook output: relative to the project root, never absolute. */
  public static String show(Path path) {
    Path root = layout().root();
    Path absolute = path.toAbsolutePath().normalize();
    Path results = resultsRoot();
    if (!smoke() && absolute.startsWith(results) && !results.equals(layout().results())) {
      return root.relativize(layout().results().resolve(results.relativize(absolute))).toString();
    }
    if (smoke() || !absolute.startsWith(root)) {
      return absolute.getFileName().toString();
    }
    return root.relativize(absolute).toString();
  }

  /**
   * A PNG written by the library, for display: a cell whose last expression is the result shows
   * it inline. Accepts the path list returned by {@code ChartFiles.save} (PNG first).
   */
  public static DisplayData figure(List<Path> files) {
    return figure(files.get(0));
  }

  /** Smallest text a figure may show, in CSS pixels as displayed. */
  public static final int MIN_TEXT_PX = 9;
  /** The width of a notebook's output area that a figure may take without scrolling. */
  public static final int OUTPUT_AREA_PX = 940;

  /**
   * The figure as the notebook shows it: its notebook-width variant ({@code notebook-width/} beside
   * the PNG, drawn by {@code Figure.save} from the same record at {@code Figure.NOTEBOOK_WIDTH} with
   * the same font sizes) shown at its own size, so no text is scaled down and nothing scrolls; the
   * file in {@code results/} keeps its study size. Without a variant (a figure no wider than the
   * output area, or files written before variants existed) the PNG itself is shown as wide as the
   * output area when its smallest text stays at least {@link #MIN_TEXT_PX} px there, else at the
   * width that keeps that text at {@link #MIN_TEXT_PX} px (the output area then scrolls sideways,
   * which the browser test reports). The smallest text is read from the SVG drawn beside the PNG
   * shown; it is kept in the output's metadata ({@code safetensors-study.min_text_px}) for the
   * browser test. A text alternative names the file.
   */
  public static DisplayData figure(Path png) {
    Path variant = org.modelevolution.charts.Figure.notebookWidthPng(png);
    Path shownFile = Files.isRegularFile(variant) ? variant : png;
    try {
      byte[] bytes = Files.readAllBytes(shownFile);
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IOException("not a readable image");
      }
      int width = image.getWidth();
      int minText = smallestText(shownFile.resolveSibling(
          shownFile.getFileName().toString().replaceFirst("\\.png$", ".svg")));
      int shown = displayWidth(width, minText);
      DisplayData data = DisplayData.withType("image/png", java.util.Base64.getEncoder().encodeToString(bytes));
      data.putText(shownFile.equals(png) ? "figure " + show(png) + " (" + width + " x " + image.getHeight() + " px)"
          : "figure " + show(png) + ", shown at notebook width (" + show(shownFile) + ", " + width + " x "
              + image.getHeight() + " px)");
      Map<String, Object> imageMetadata = new LinkedHashMap<>();
      imageMetadata.put("width", shown);
      if (shown > OUTPUT_AREA_PX) {
        imageMetadata.put("unconfined", true);
      }
      data.putMetaData("image/png", imageMetadata);
      if (minText > 0) {
        data.putMetaData("safetensors-study", Map.of("min_text_px", minText));
      }
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read figure " + shownFile, e);
    }
  }

  /** Display width of a figure {@code width} px wide whose smallest text is {@code minText} px (0: unknown). */
  static int displayWidth(int width, int minText) {
    if (width <= OUTPUT_AREA_PX) {
      return width;
    }
    if (minText <= 0 || (long) minText * OUTPUT_AREA_PX >= (long) MIN_TEXT_PX * width) {
      return OUTPUT_AREA_PX;
    }
    return Math.min(width, (int) Math.ceil((double) width * MIN_TEXT_PX / minText));
  }

  private static final java.util.regex.Pattern FONT_SIZE = java.util.regex.Pattern.compile("font-size:\\s*([0-9.]+)px");

  /** The smallest {@code font-size} (px) in an SVG, 0 when there is no SVG or no text. */
  static int smallestText(Path svg) throws IOException {
    if (!Files.isRegularFile(svg)) {
      return 0;
    }
    double smallest = Double.MAX_VALUE;
    java.util.regex.Matcher m = FONT_SIZE.matcher(Files.readString(svg));
    while (m.find()) {
      smallest = Math.min(smallest, Double.parseDouble(m.group(1)));
    }
    return smallest == Double.MAX_VALUE ? 0 : (int) Math.floor(smallest);
  }
}
