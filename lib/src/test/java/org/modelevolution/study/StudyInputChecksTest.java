package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.testing.Shared;
import org.modelevolution.testing.StudyFixture;

/**
 * Issue 18, item 1: the study data folder and every input are checked before anything is
 * written, and what is missing is named; a folder that holds none of the study's files reads the
 * committed cache.
 */
class StudyInputChecksTest {
  @TempDir Path dir;

  @Test
  void aChosenFolderThatDoesNotExistIsAnErrorNamingIt() {
    Path typo = dir.resolve("typo");
    assertThatThrownBy(() -> StudySources.of(Shared.layout(), typo)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining(typo.toString()).hasMessageContaining("does not exist")
        .hasMessageContaining("safetensors_commits_by_tool_legacy.csv");
  }

  @Test
  void aChosenPathThatIsAFileIsAnErrorNamingIt() throws IOException {
    Path file = Files.writeString(dir.resolve("study.csv"), "not a folder");
    assertThatThrownBy(() -> StudySources.of(Shared.layout(), file)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
  }

  @Test
  void aFolderWithNoneOfTheStudysFilesReadsTheCommittedCacheAndSaysSo() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "unrelated");
    StudySources sources = StudySources.of(Shared.layout(), empty);
    assertThat(sources.fromCache()).isTrue();
    assertThat(sources.describe()).contains("committed cache data/cache", "holds none of the study's files");
    StudyData data = Study.load(sources);
    assertThat(data.source()).isEqualTo(sources.describe());
    assertThat(data.legacy().additions()).isNotEmpty();
    assertThat(data.scoredPosts()).hasValueSatisfying(p -> assertThat(p).isNotEmpty());
    assertThat(data.posts()).isEmpty();
    assertThat(data.inputs()).isNotEmpty().allSatisfy(i -> {
      if (!i.path().startsWith("data/cache/")) {
        assertThat(i.path()).startsWith("data/").doesNotStartWith("data/downloads");
      } else {
        assertThat(i.status()).isEqualTo(InputFile.Status.CACHE);
      }
    });
    assertThat(data.inputs()).filteredOn(i -> i.original().equals("safetensors_commits_by_tool_legacy.csv"))
        .extracting(InputFile::path).containsExactly("data/cache/safetensors_commits_by_tool_legacy.facts.csv");
  }

  @Test
  void withNeitherTheFilesNorACacheTheLoadFailsNamingWhatItLookedFor() throws IOException {
    Path root = Files.createDirectories(dir.resolve("checkout"));
    Files.createDirectories(root.resolve("data"));
    Files.copy(Shared.layout().manifest(), root.resolve(ProjectLayout.MANIFEST));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    ProjectLayout layout = ProjectLayout.discover(root, Map.of());
    assertThatThrownBy(() -> StudySources.of(layout, empty)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("no study inputs").hasMessageContaining(empty.toString())
        .hasMessageContaining("holds none of the study's files").hasMessageContaining("data/cache");
  }

  @Test
  void aFolderWithSomeOfTheFilesIsReadAsItIsAndTheMissingOnesAreNamed() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, true);
    Files.delete(fixture.dataDir().resolve("safetensors_commits_by_tool_legacy.csv"));
    StudyData data = Study.load(fixture.sources());
    assertThat(data.absent()).contains(new StudyData.Absent("safetensors_commits_by_tool_legacy.csv", "absent"));
    assertThat(data.legacy().additions()).isEmpty();
    // "both" is not the recent group passed off as both groups
    assertThat(data.both().additions()).isEmpty();
    assertThat(data.both().files()).isEmpty();
    assertThat(data.describe()).contains("not read: safetensors_commits_by_tool_legacy.csv (absent)");
  }

  @Test
  void aDirectoryOrALinkLoopInAFilesPlaceIsNamedAsNotARegularFile() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, true);
    Path data = fixture.dataDir();
    Files.delete(data.resolve("safetensors_commits_by_tool_legacy.csv"));
    Files.createDirectory(data.resolve("safetensors_commits_by_tool_legacy.csv"));
    Files.delete(data.resolve("sfconvertbot_merge_status.csv"));
    Files.createSymbolicLink(data.resolve("sfconvertbot_merge_status.csv"), Path.of("sfconvertbot_merge_status.csv"));
    StudyData loaded = Study.load(fixture.sources());
    assertThat(loaded.absent()).contains(
        new StudyData.Absent("safetensors_commits_by_tool_legacy.csv",
            "not a regular file: a directory, at STUDY_DATA/safetensors_commits_by_tool_legacy.csv"),
        new StudyData.Absent("sfconvertbot_merge_status.csv", "not a regular file: a link to nothing readable"
            + " (dangling or a loop), at STUDY_DATA/sfconvertbot_merge_status.csv"));
    assertThat(loaded.botPrs().mergeStatus2024()).isEmpty();
  }

  @Test
  void anUnreadableFileIsNamedAndNotRead() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, true);
    Path file = fixture.dataDir().resolve("sfconvertbot_merge_status.csv");
    assertThat(file.toFile().setReadable(false, false)).isTrue();
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable");
    StudyData loaded = Study.load(fixture.sources());
    assertThat(loaded.absent()).contains(new StudyData.Absent("sfconvertbot_merge_status.csv",
        "unreadable: permission denied, at STUDY_DATA/sfconvertbot_merge_status.csv"));
  }

  @Test
  void aRowWithExtraFieldsIsAnErrorWithFileAndLine() throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,b,c\n1,2,3\n4,5,6,7\n");
    assertThatThrownBy(() -> CsvColumns.forEach(csv, List.of("a"), v -> {})).isInstanceOf(StudyDataException.class)
        .hasMessageStartingWith("t.csv:3: 4 fields, but the header has 3");
    assertThatThrownBy(() -> CsvRecords.readAll(csv)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("record 2 (line 3) has 4 fields, but the header has 3");
  }

  @Test
  void aRowWithTooFewFieldsIsReadAsPandasReadsItAndCounted() throws IOException {
    Path csv = Files.writeString(dir.resolve("t.csv"), "a,b,c\n1,2,3\n4,5\n6\n");
    List<String> warnings = new ArrayList<>();
    List<String[]> rows = CsvWarnings.collect(() -> CsvColumns.readAll(csv, List.of("a", "c")), warnings);
    assertThat(rows).extracting(r -> r[1]).containsExactly("3", "", "");
    assertThat(warnings).singleElement().asString()
        .startsWith("t.csv: 2 rows with fewer fields than the header (first at line 3)");
    List<String> recordWarnings = new ArrayList<>();
    assertThat(CsvWarnings.collect(() -> CsvRecords.readAll(csv), recordWarnings)).hasSize(3);
    assertThat(recordWarnings).singleElement().asString().contains("2 records with fewer fields than the header");
  }

  @Test
  void bytesThatAreNotUtf8InAKeyAreAnErrorWithFileAndLine() throws IOException {
    byte[] head = "repo_url,n\nok/one,1\nbad/".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ",2\n".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xC3;
    bytes[head.length + 1] = (byte) 0x28; // not a continuation byte
    System.arraycopy(tail, 0, bytes, head.length + 2, tail.length);
    Path csv = Files.write(dir.resolve("k.csv"), bytes);
    assertThatThrownBy(() -> CsvColumns.forEach(csv, List.of("repo_url"), v -> {}))
        .isInstanceOf(StudyDataException.class)
        .hasMessage("k.csv:3: field 1 ('repo_url') holds bytes that are not UTF-8");
    assertThatThrownBy(() -> CsvRecords.readAll(csv)).isInstanceOf(StudyDataException.class)
        .hasMessageEndingWith("k.csv:3: bytes that are not UTF-8 (at byte 24)");
    // a real U+FFFD is text, not damage
    Path replacement = Files.writeString(dir.resolve("r.csv"), "repo_url\nfine/\uFFFD\n");
    assertThat(CsvColumns.readAll(replacement, List.of("repo_url"))).singleElement()
        .satisfies(v -> assertThat(v[0]).isEqualTo("fine/\uFFFD"));
  }
}
