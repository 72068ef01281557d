package org.modelevolution.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.databind.MappingIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.io.Sha256;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyCache;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.StudyManifest;
import org.modelevolution.study.StudySources;
import org.modelevolution.testing.Shared;

/**
 * The committed cache ({@code data/cache/}) against the study's originals ({@code ../shared/study}):
 * rebuilt from them it is byte for byte the committed one; read instead of them it gives the same
 * committed results; and it holds none of the text others wrote.
 */
class StudyCacheTest {
  /** The outputs that say which source was read, and so differ between the two. */
  private static final Set<String> PROVENANCE = Set.of(Reproduction.REPORT, Reproduction.PROVENANCE,
      Reproduction.CHECKSUMS);

  @TempDir Path dir;

  @Test
  void theCacheRebuiltFromTheOriginalsIsTheCommittedOneByteForByte() {
    Path study = Shared.study();
    ProjectLayout layout = Shared.layout();
    StudyCache.Contents rebuilt = StudyCacheCheck.rebuild(study, StudyManifest.of(layout));
    assertThat(rebuilt.files()).containsKeys("README.md", "safetensors_commits_by_tool_legacy.facts.csv",
        "SO_query_data.scores.csv", "db_model_evolution.posts.csv", "published/rq1_dataset_stats_legacy.cells.csv");
    assertThat(StudyCache.differences(rebuilt, layout.studyCache())).isEmpty();
    long bytes = rebuilt.files().values().stream().mapToLong(b -> b.length).sum();
    assertThat(bytes).as("the whole cache").isLessThanOrEqualTo(10_000_000L);
  }

  @Test
  void aChangedCommittedFileIsADifference() throws IOException {
    Path study = Shared.study();
    ProjectLayout layout = Shared.layout();
    Path copy = dir.resolve("cache");
    StudyCache.Contents rebuilt = StudyCacheCheck.rebuild(study, StudyManifest.of(layout));
    StudyCache.write(rebuilt, copy);
    Path table = copy.resolve("sfconvertbot_merge_status.facts.csv");
    Files.writeString(table, Files.readString(table).replaceFirst("merged", "closed"));
    Files.writeString(copy.resolve("extra.csv"), "x\n");
    assertThat(StudyCache.differences(rebuilt, copy)).containsExactly(
        "sfconvertbot_merge_status.facts.csv: the committed file differs from the one rebuilt from the originals",
        "extra.csv: in " + copy + " but not rebuilt from the originals");
  }

  @Test
  void theCacheGivesTheSameCommittedResultsAsTheOriginals() throws IOException {
    Path study = Shared.study();
    ProjectLayout layout = Shared.layout();
    StudyData originals = Study.load(StudySources.of(layout, study));
    StudyData cached = Study.load(StudySources.of(layout, Files.createDirectories(dir.resolve("empty"))));
    assertThat(originals.source()).contains("original files");
    assertThat(cached.source()).contains("committed cache");
    assertThat(cached.absent()).isEqualTo(originals.absent());
    Path fromOriginals = dir.resolve("originals");
    Path fromCache = dir.resolve("cache");
    Reproduction.run(originals, fromOriginals);
    Reproduction.run(cached, fromCache);
    Map<String, String> a = committedDigests(fromOriginals);
    Map<String, String> b = committedDigests(fromCache);
    assertThat(a).containsKeys("reproduction.csv", "rq1/rq1_fastest_adopters_legacy.csv", "rq4/rq4_so_ranking.csv",
        "rq4/rq4_coding_codes.csv", "rq2/RQ2FormatsYearly_both.png").hasSizeGreaterThan(40);
    assertThat(b).isEqualTo(a);
    assertThat(Files.readString(fromCache.resolve(Reproduction.REPORT)))
        .contains("Read from the committed cache data/cache").contains("`data/cache/SO_query_data.scores.csv`");
  }

  @Test
  void theCacheHoldsNoTextOthersWrote() throws Exception {
    Path study = Shared.study();
    String cache = cacheText(Shared.layout().studyCache());
    Set<String> texts = new LinkedHashSet<>();
    for (String name : List.of("safetensors_commits_by_tool_legacy.csv", "safetensors_commits_by_tool_recent.csv",
        "safetensors_commits_by_tool_both.csv", "safetensors_commits_not_by_tool_legacy.csv",
        "safetensors_commits_by_tool.csv", "safetensors_commits_not_by_tool.csv",
        "fixed3_repository_evolution_commits_0_5014.csv")) {
      column(study.resolve(name), "message").forEach(texts::add);
    }
    int messages = texts.size();
    column(study.resolve("sfconvertbot_pr_metadata_filtered.csv"), "title").forEach(texts::add);
    ObjectMapper json = new ObjectMapper();
    Path posts = study.resolve("SO_query_data.csv");
    column(posts, "title").forEach(texts::add);
    for (String item : column(posts, "json_content")) {
      JsonNode node = json.readTree(item);
      texts.add(node.path("body").asText(""));
      texts.add(node.path("title").asText(""));
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + study.resolve("db_model_evolution.sqlite3"));
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT content, comments FROM model_evolution_post")) {
      while (r.next()) {
        texts.add(r.getString(1) == null ? "" : r.getString(1));
        texts.add(r.getString(2) == null ? "" : r.getString(2));
      }
    }
    assertThat(messages).as("commit messages sampled").isGreaterThan(100);
    List<String> found = new ArrayList<>();
    for (String text : texts) {
      // the whole text, and every line of it, when it is prose (words, not a bare id such as a
      // repository name that a message may consist of) and not a phrase too short to be anyone's
      for (String piece : Stream.concat(Stream.of(text), Stream.of(text.split("\n"))).map(String::strip).toList()) {
        if (piece.length() >= 20 && piece.contains(" ") && cache.contains(piece)) {
          found.add(piece);
        }
      }
    }
    assertThat(texts).hasSizeGreaterThan(1000);
    assertThat(found).isEmpty();
  }

  private static String cacheText(Path cache) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(cache)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return all.toString();
  }

  private static List<String> column(Path csv, String column) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv.toFile())) {
      List<String> header = List.of(it.next());
      int index = header.indexOf(column);
      assertThat(index).as(csv + " has " + column).isNotNegative();
      List<String> values = new ArrayList<>();
      while (it.hasNext()) {
        String[] row = it.next();
        if (index < row.length) {
          values.add(row[index]);
        }
      }
      return values;
    }
  }

  private static Map<String, String> committedDigests(Path out) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(f).toString().replace('\\', '/');
        if (Outputs.committed(f) && !PROVENANCE.contains(name)) {
          digests.put(name, Sha256.of(f));
        }
      }
    }
    return digests;
  }
}
