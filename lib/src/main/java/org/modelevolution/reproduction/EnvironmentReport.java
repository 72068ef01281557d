package org.modelevolution.reproduction;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelevolution.environment.LibraryVersion;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.study.StudyDataCheck;
import org.modelevolution.study.StudyManifest;

/**
 * What this run of the project sees: runtime, library version, where the inputs were found,
 * and how the study's data files compare with the pinned manifest. Shown by the first notebook
 * and by {@code safetensors-study environment}.
 */
public record EnvironmentReport(
    String javaVersion,
    String javaVendor,
    String libraryVersion,
    ProjectLayout layout,
    List<StudyDataCheck.Result> studyFiles,
    boolean formatsCorpusFound,
    Map<String, String> endpoints) {

  /** Endpoint variables the clients honour; only whether a token is set is reported, never its value. */
  private static final List<String> ENDPOINT_VARIABLES =
      List.of("HF_ENDPOINT", "GITHUB_API_URL", "STACKEXCHANGE_API_URL");

  private static final List<String> TOKEN_VARIABLES = List.of("HF_TOKEN", "GITHUB_TOKEN");

  public static EnvironmentReport collect(ProjectLayout layout, Map<String, String> env) {
    StudyManifest manifest = StudyManifest.of(layout);
    Map<String, String> endpoints = new TreeMap<>();
    for (String name : ENDPOINT_VARIABLES) {
      endpoints.put(name, env.getOrDefault(name, "(default)"));
    }
    for (String name : TOKEN_VARIABLES) {
      endpoints.put(name, env.containsKey(name) ? "set" : "not set");
    }
    return new EnvironmentReport(
        Integer.toString(Runtime.version().feature()),
        System.getProperty("java.vendor"),
        LibraryVersion.get(),
        layout,
        StudyDataCheck.check(manifest, layout.studyData()),
        Files.isRegularFile(layout.formatsCorpus().resolve("labels.csv")),
        endpoints);
  }

  public long count(StudyDataCheck.Status status) {
    return studyFiles.stream().filter(r -> r.status() == status).count();
  }

  /** Runtime and locations as labelled values, in display order; paths relative to the project root. */
  public java.util.Map<String, String> summary() {
    java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
    values.put("Java runtime", javaVersion + " (" + javaVendor + ")");
    values.put("Library version", libraryVersion);
    values.put("Study data", relative(layout.studyData()) + " (" + describeStudyData() + ")");
    values.put("Formats corpus", relative(layout.formatsCorpus()) + " ("
        + (formatsCorpusFound ? "labels.csv found" : "not found") + ")");
    values.putAll(endpoints);
    return values;
  }

  /** The study's files against the pinned manifest, one row per file. */
  public tech.tablesaw.api.Table studyFilesTable() {
    tech.tablesaw.api.StringColumn file = tech.tablesaw.api.StringColumn.create("study file");
    tech.tablesaw.api.StringColumn status = tech.tablesaw.api.StringColumn.create("status");
    tech.tablesaw.api.StringColumn pin = tech.tablesaw.api.StringColumn.create("pinned content");
    for (StudyDataCheck.Result r : studyFiles) {
      file.append(r.entry().file());
      status.append(r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      pin.append(r.entry().sha256() != null ? "sha256 " + r.entry().sha256().substring(0, 16) + "…"
          : "git blob " + r.entry().gitBlobSha1().substring(0, 16) + "…");
    }
    return tech.tablesaw.api.Table.create("the study's files against data/study-manifest.json", file, status, pin);
  }

  /** A plain-text summary; paths are shown relative to the project root so output is portable. */
  public String render() {
    List<String> lines = new ArrayList<>();
    lines.add("Java runtime        : " + javaVersion + " (" + javaVendor + ")");
    lines.add("Library version     : " + libraryVersion);
    lines.add("Study data          : " + relative(layout.studyData()) + "  (" + describeStudyData() + ")");
    lines.add("Formats corpus      : " + relative(layout.formatsCorpus()) + "  ("
        + (formatsCorpusFound ? "labels.csv found" : "not found") + ")");
    endpoints.forEach((name, value) -> lines.add(String.format("%-20s: %s", name, value)));
    lines.add("");
    lines.add(String.format("%-56s %-18s %s", "study file", "status", "pinned content"));
    for (StudyDataCheck.Result r : studyFiles) {
      String pin = r.entry().sha256() != null ? "sha256 " + r.entry().sha256().substring(0, 16) + "…"
          : "git blob " + r.entry().gitBlobSha1().substring(0, 16) + "…";
      lines.add(String.format("%-56s %-18s %s", r.entry().file(), r.status(), pin));
    }
    return String.join("\n", lines);
  }

  private String describeStudyData() {
    return count(StudyDataCheck.Status.VERIFIED) + " verified, "
        + count(StudyDataCheck.Status.MISSING) + " missing, "
        + count(StudyDataCheck.Status.CHECKSUM_MISMATCH) + " with a wrong checksum";
  }

  private String relative(java.nio.file.Path path) {
    return layout.root().relativize(path).toString();
  }
}
