package org.modelevolution.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.modelevolution.io.RunManifest;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The runs cached in one output folder, read from their run manifests: what the notebooks of data
 * collection show when they do not mine. Its text form leaves out start and end times, so that a
 * notebook showing it is the same on every execution over the same cache.
 *
 * @param folder the folder's name (never an absolute path)
 */
public record CachedRuns(String folder, List<RunManifest> runs) {
  /** The run manifests ({@code *.json}) found in {@code dir}, sorted by step; none when the folder is absent. */
  public static CachedRuns in(Path dir) {
    if (!Files.isDirectory(dir)) {
      return new CachedRuns(dir.getFileName().toString(), List.of());
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<RunManifest> runs = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
          .map(RunManifest::read).sorted(Comparator.comparing(RunManifest::step)).toList();
      return new CachedRuns(dir.getFileName().toString(), runs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public CachedRuns {
    runs = List.copyOf(runs);
  }

  /** One row per cached run; with none, an empty table whose name says how to mine. */
  public Table table() {
    StringColumn step = StringColumn.create("step");
    StringColumn status = StringColumn.create("status");
    StringColumn endpoint = StringColumn.create("endpoint");
    StringColumn parameters = StringColumn.create("parameters");
    StringColumn counts = StringColumn.create("counts");
    IntColumn problems = IntColumn.create("reported problems");
    StringColumn wrote = StringColumn.create("wrote");
    for (RunManifest run : runs) {
      step.append(run.step());
      status.append(run.finishedAt() == null ? "unfinished (resumable)" : "finished");
      endpoint.append(run.endpoint());
      parameters.append(joined(run.parameters(), " = "));
      counts.append(joined(run.counts(), ": "));
      problems.append(run.errors().size());
      wrote.append(run.outputs().stream()
          .map(o -> o.path() + " (" + o.bytes() + " bytes, sha256 " + o.sha256() + ")").collect(Collectors.joining("; ")));
    }
    String name = runs.isEmpty() ? noRunsNote() : "Cached runs in " + folder;
    return Table.create(name, step, status, endpoint, parameters, counts, problems, wrote);
  }

  private static String joined(Map<String, ?> map, String between) {
    return map.entrySet().stream().map(e -> e.getKey() + between + e.getValue()).collect(Collectors.joining("; "));
  }

  /** The table as Tablesaw prints it. */
  @Override
  public String toString() {
    return table().printAll();
  }

  private String noRunsNote() {
    return "no cached run in " + folder + ": mine with the `mine-*` commands (or rerun the notebook with SFSTUDY_MINE=1)";
  }
}
