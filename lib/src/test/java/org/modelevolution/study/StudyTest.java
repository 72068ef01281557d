package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.formats.ModelFiles;
import org.modelevolution.testing.StudyFixture;

/** The one door into the study's data, on a hand-made folder: pins checked before parsing, errors that say where. */
class StudyTest {
  @TempDir Path dir;

  @Test
  void readsEveryInputOnceAndRecordsItWithItsPinStatus() {
    StudyFixture fixture = StudyFixture.write(dir, true);
    StudyData data = Study.load(fixture.sources());

    assertThat(data.legacy().additions()).hasSize(6);
    assertThat(data.recent().developerAdditionsKnown()).isTrue();
    assertThat(data.both().additions()).extracting(SafetensorsAddition::repo).startsWith("new/e", "new/f");
    assertThat(data.publishedBoth()).hasSize(2);
    assertThat(data.botPrs().relevant()).hasValueSatisfying(rows -> assertThat(rows).hasSize(2));
    assertThat(data.inputs()).extracting(InputFile::path).contains(
        "STUDY_DATA/safetensors_commits_by_tool_legacy.csv", "STUDY_DATA/published/rq1_dataset_stats_legacy.csv",
        "STUDY_DATA/sfconvertbot_merge_status.csv", "STUDY_DATA/sfconvertbot_pr_metadata_filtered.csv",
        "data/safetensors-releases.csv", "data/study-notebook-outputs.csv").doesNotHaveDuplicates().isSorted();
    assertThat(data.inputs()).filteredOn(i -> i.path().equals("STUDY_DATA/safetensors_commits_by_tool_legacy.csv"))
        .singleElement().satisfies(i -> assertThat(i.status()).isEqualTo(InputFile.Status.VERIFIED));
    assertThat(data.published().numbers()).extracting(PublishedNumber::source)
        .contains("rq1_dataset_stats_legacy.csv", "rq1_analysis.ipynb", "rq3_dataset_stats.csv");
  }

  @Test
  void aGroupMissingOneOfItsFullInputsSaysWhichAndWhatWasLeftUnread() throws IOException {
    StudyFixture fixture = StudyFixture.writeFullInputs(dir);
    Files.delete(fixture.dataDir().resolve("selected_legacy_repos.json"));
    StudyData data = Study.load(fixture.sources());

    assertThat(data.legacy().hasFullInputs()).isFalse();
    assertThat(data.inputs()).extracting(InputFile::path).noneMatch(p -> p.contains("legacy_commits"));
    assertThat(data.absent()).filteredOn(a -> a.file().equals("selected_legacy_repos.json")).singleElement()
        .satisfies(a -> assertThat(a.reason()).startsWith("absent").contains("selected_legacy_commits.csv",
            "repositories_evolution_legacy_commits_processed.csv", "were not read either"));
    assertThat(data.describe()).contains("legacy: no inputs read");
  }

  @Test
  void aTruncatedPinnedFileIsReportedAsNotTheOriginalBeforeItIsParsed() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, false);
    Path file = fixture.dataDir().resolve("safetensors_commits_by_tool_legacy.csv");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> Study.load(fixture.sources())).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("safetensors_commits_by_tool_legacy.csv is not the study's original")
        .hasMessageContaining("expected SHA-256 " + fixture.manifest().entry("safetensors_commits_by_tool_legacy.csv")
            .orElseThrow().sha256())
        .hasMessageContaining("found ").hasMessageContaining("--download");
  }

  @Test
  void aFileWhoseGitBlobIdDiffersIsRefused() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, true);
    Path file = fixture.dataDir().resolve("safetensors_commits_not_by_tool_recent.csv");
    Files.writeString(file, Files.readString(file).replace("new/h", "new/x"));
    assertThatThrownBy(() -> Study.load(fixture.sources())).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("expected git blob id");
  }

  @Test
  void aParseErrorNamesTheFileTheLineAndTheColumn() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, false);
    Path file = fixture.dataDir().resolve("safetensors_commits_by_tool_recent.csv"); // not pinned
    Files.writeString(file, Files.readString(file).replace("2023-03-01 11:00:00", "yesterday"));
    assertThatThrownBy(() -> Study.load(fixture.sources())).isInstanceOf(StudyDataException.class)
        .hasMessageMatching("(?s)safetensors_commits_by_tool_recent\\.csv:\\d+: column 'date' \\(7\\): "
            + "not a commit time.*'yesterday'.*");
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, false);
    Files.writeString(fixture.dataDir().resolve("safetensors_commits_by_tool_recent.csv"), "repo_url,commit_hash\na/b,00\n");
    assertThatThrownBy(() -> Study.load(fixture.sources())).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("has no column 'model_file_path'");
  }

  @Test
  void truncatedJsonIsReportedWithTheFileNameAndPosition() throws IOException {
    StudyFixture fixture = StudyFixture.write(dir, false);
    Path data = fixture.dataDir();
    Files.writeString(data.resolve("selected_legacy_repos.json"), "[\n  {\n    \"id\":\"a\\/b\",\n    \"created_at\":16462");
    Files.writeString(data.resolve("selected_legacy_commits.csv"),
        "repo_url,commit_hash,author,date,message,changed_files,all_files_in_tree\n");
    Files.writeString(data.resolve("repositories_evolution_legacy_commits_processed.csv"),
        "repo_url,commit_hash,model_file_path,serialization_format,message,author,date,is_in_commit\n");
    assertThatThrownBy(() -> Study.load(fixture.sources())).isInstanceOf(StudyDataException.class)
        .hasMessageMatching("(?s)selected_legacy_repos\\.json:\\d+:\\d+: .*");
  }

  @Test
  void aMissingFolderSaysWhereToPointIt() {
    StudyFixture fixture = StudyFixture.write(dir, false);
    StudySources absent = new StudySources(List.of(new StudySources.Root("STUDY_DATA", dir.resolve("absent"))),
        java.util.Optional.empty(), java.util.Optional.empty(), fixture.manifest());
    assertThatThrownBy(() -> Study.load(absent)).isInstanceOf(StudyDataException.class).hasMessageContaining("STUDY_DATA");
  }

  @Test
  void theLibraryCarriesThePinnedManifest() {
    StudyManifest bundled = StudyManifest.bundled();
    assertThat(bundled.entry("safetensors_commits_by_tool_legacy.csv")).hasValueSatisfying(e ->
        assertThat(e.sha256()).isEqualTo("5fbd70901bd2eb209b51c87f022f88e80c256df86e38cff874da79491b2179bd"));
    assertThat(bundled.entry("safetensors_commits_not_by_tool_recent.csv")).hasValueSatisfying(e -> {
      assertThat(e.sha256()).isNull();
      assertThat(e.gitBlobSha1()).isEqualTo("238125f7cc60180f063cbc7a27f630487d2ab2df");
      assertThat(e.downloadUrl()).hasValueSatisfying(u -> assertThat(u).endsWith("safetensors_commits_not_by_tool_recent.csv"));
    });
  }

  @Test
  void modelFileSuffixesFollowPathlib() {
    assertThat(ModelFiles.isStudyModelFile("+ unet/diffusion_pytorch_model.safetensors")).isTrue();
    assertThat(ModelFiles.isStudyModelFile("checkpoint-500")).isFalse();
    assertThat(ModelFiles.isStudyModelFile(".bin")).isFalse();
    assertThat(ModelFiles.isStudyModelFile("a.b/model")).isFalse();
    assertThat(ModelFiles.isStudyModelFile("weights.")).isFalse();
  }
}
