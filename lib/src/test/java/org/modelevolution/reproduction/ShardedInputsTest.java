package org.modelevolution.reproduction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.PandasCsv;
import org.modelevolution.io.Sha256;
import org.modelevolution.mining.Shard;
import org.modelevolution.study.CsvColumns;
import org.modelevolution.study.Group;
import org.modelevolution.study.InputFile;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyDataException;
import org.modelevolution.study.StudyFiles;
import org.modelevolution.study.StudySources;
import org.modelevolution.study.SyntheticInputs;
import org.modelevolution.testing.Shared;

/**
 * The analyses accept the tables of a sharded mining run ({@code shards/<i>-of-<n>/}, repositories
 * split by the miner's own {@link Shard} rule) and give, table for table and figure for figure,
 * the bytes that one pass over the merged tables gives: the merged tables being what
 * {@code mine-hub merge} writes, each repository's rows as one block in the selection's order.
 * SYNTHETIC inputs (scale 0.01, the shared generator).
 */
class ShardedInputsTest {
  private static final int SHARDS = 3;
  @TempDir static Path generated;
  @TempDir static Path merged;
  @TempDir static Path sharded;

  @BeforeAll
  static void split() throws Exception {
    Path study = Shared.dir().resolve("study");
    assumeTrue(SyntheticInputs.available(study), "python3 or the generator is absent; skipping");
    SyntheticInputs.generate(study, generated, 0.01);
    List<String> tables = new ArrayList<>();
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      tables.add(StudyFiles.commitsCsv(group));
      tables.add(StudyFiles.evolutionCsv(group));
    }
    try (Stream<Path> files = Files.list(generated)) {
      for (Path file : files.toList()) {
        if (!tables.contains(file.getFileName().toString())) {
          Files.copy(file, merged.resolve(file.getFileName()));
          Files.copy(file, sharded.resolve(file.getFileName()));
        }
      }
    }
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      List<String> selection = selection(generated.resolve(StudyFiles.reposJson(group)));
      for (String table : List.of(StudyFiles.commitsCsv(group), StudyFiles.evolutionCsv(group))) {
        List<String> header = CsvColumns.header(generated.resolve(table));
        Map<String, List<String>> rowsByRepo = new LinkedHashMap<>();
        CsvColumns.forEach(generated.resolve(table), header, v ->
            rowsByRepo.computeIfAbsent(v[header.indexOf("repo_url")], r -> new ArrayList<>()).add(PandasCsv.line(v)));
        assertThat(rowsByRepo.keySet()).isSubsetOf(selection);
        StringBuilder all = new StringBuilder(PandasCsv.line(header));
        selection.forEach(id -> rowsByRepo.getOrDefault(id, List.of()).forEach(all::append));
        Files.writeString(merged.resolve(table), all);
        for (int i = 0; i < SHARDS; i++) {
          Shard shard = new Shard(i, SHARDS);
          StringBuilder part = new StringBuilder(PandasCsv.line(header));
          selection.stream().filter(shard::contains)
              .forEach(id -> rowsByRepo.getOrDefault(id, List.of()).forEach(part::append));
          Path dir = Files.createDirectories(sharded.resolve("shards").resolve(shard.folderName()));
          Files.writeString(dir.resolve(table), part);
        }
      }
    }
  }

  @Test
  void shardedTablesGiveTheOutputsOfTheMergedTables(@TempDir Path fromMerged, @TempDir Path fromShards)
      throws IOException {
    StudyData one = Study.load(StudySources.of(Shared.layout(), merged));
    StudyData parts = Study.load(StudySources.of(Shared.layout(), sharded));
    assertThat(parts.inputs()).extracting(InputFile::path)
        .contains("STUDY_DATA/shards/0-of-3/selected_recent_commits.csv",
            "STUDY_DATA/shards/2-of-3/repositories_evolution_legacy_commits_processed.csv")
        .doesNotContain("STUDY_DATA/selected_recent_commits.csv");
    for (Group group : Group.values()) {
      assertThat(parts.group(group).hasFullInputs()).isTrue();
      assertThat(parts.group(group).additions()).isEqualTo(one.group(group).additions()).isNotEmpty();
      assertThat(parts.group(group).commits()).isEqualTo(one.group(group).commits());
      assertThat(parts.group(group).formatHistory()).isEqualTo(one.group(group).formatHistory());
      assertThat(List.copyOf(parts.group(group).formatHistory().orElseThrow().repositories().keySet()))
          .isEqualTo(List.copyOf(one.group(group).formatHistory().orElseThrow().repositories().keySet()));
    }

    Reproduction.run(one, fromMerged);
    Reproduction.run(parts, fromShards);
    Map<String, String> expected = digests(fromMerged);
    assertThat(expected.keySet()).anyMatch(f -> f.startsWith("rq1/")).anyMatch(f -> f.startsWith("rq2/"))
        .anyMatch(f -> f.endsWith(".png"));
    assertThat(digests(fromShards)).isEqualTo(expected);
  }

  @Test
  void anIncompleteSetOfShardsIsNamed(@TempDir Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(sharded)) {
      for (Path file : files.toList()) {
        Path target = dir.resolve(sharded.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Path second = dir.resolve("shards").resolve("1-of-3");
    try (Stream<Path> files = Files.list(second)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(second);
    assertThatThrownBy(() -> Study.load(StudySources.of(Shared.layout(), dir)))
        .isInstanceOf(StudyDataException.class).hasMessageContaining("missing [1-of-3]");
  }

  private static List<String> selection(Path reposJson) throws IOException {
    List<String> ids = new ArrayList<>();
    for (JsonNode repo : new ObjectMapper().readTree(reposJson.toFile())) {
      ids.add(repo.get("id").asText());
    }
    return ids;
  }

  /** The digest of every table and figure (provenance and reports name the files read, which differ). */
  private static Map<String, String> digests(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(Files::isRegularFile).filter(f -> dir.relativize(f).getNameCount() > 1
              || f.getFileName().toString().equals(Reproduction.CSV))
          .forEach(f -> out.put(dir.relativize(f).toString(), Sha256.of(f)));
    }
    return out;
  }
}
