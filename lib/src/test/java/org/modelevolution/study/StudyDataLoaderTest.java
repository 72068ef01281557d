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

/** Bad inputs get a clear error; pinned files are checked. */
class StudyDataLoaderTest {
  @TempDir Path dir;

  private StudyDataLoader loader() {
    return StudyDataLoader.forLayout(StudyTestData.layout());
  }

  @Test
  void aModifiedPinnedFileIsRefused() throws IOException {
    Path original = StudyTestData.studyDir().resolve("safetensors_commits_by_tool_legacy.csv");
    String text = Files.readString(original);
    Files.writeString(dir.resolve("safetensors_commits_by_tool_legacy.csv"), text.replaceFirst("True", "False"));
    assertThatThrownBy(() -> loader().load(dir)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("checksum mismatch for safetensors_commits_by_tool_legacy.csv");
  }

  @Test
  void aModifiedPublishedTableIsRefused() throws IOException {
    Path published = Files.createDirectories(dir.resolve("published"));
    Files.writeString(published.resolve("rq1_dataset_stats_legacy.csv"),
        Files.readString(StudyTestData.studyDir().resolve("published/rq1_dataset_stats_legacy.csv")).replace("630", "631"));
    assertThatThrownBy(() -> loader().load(dir)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("published table published/rq1_dataset_stats_legacy.csv");
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    Files.writeString(dir.resolve("safetensors_commits_by_tool_recent.csv"), "repo_url,commit_hash\na/b,00\n");
    assertThatThrownBy(() -> loader().load(dir)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("has no column 'model_file_path'");
  }

  @Test
  void truncatedJsonIsReportedWithTheFileName() throws IOException {
    Files.writeString(dir.resolve("selected_legacy_repos.json"), "[\n  {\n    \"id\":\"a\\/b\",\n    \"created_at\":16462");
    Files.writeString(dir.resolve("selected_legacy_commits.csv"),
        "repo_url,commit_hash,author,date,message,changed_files,all_files_in_tree\n");
    Files.writeString(dir.resolve("repositories_evolution_legacy_commits_processed.csv"),
        "repo_url,commit_hash,model_file_path,serialization_format,message,author,date,is_in_commit\n");
    assertThatThrownBy(() -> loader().load(dir)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("selected_legacy_repos.json");
  }

  @Test
  void aMissingFolderSaysWhereToPointIt() {
    assertThatThrownBy(() -> loader().load(dir.resolve("absent"))).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("STUDY_DATA");
  }

  @Test
  void theStudysReleaseFilterKeepsOneTagPerDateWithoutRcOrPythonPrefix() {
    List<SafetensorsRelease> releases = SafetensorsReleases.asStudyPlotsThem(List.of(
        new String[] {"v0.4.5", "2024-09-05"}, new String[] {"python-v0.4.5", "2024-09-05"},
        new String[] {"v0.4.5rc1", "2024-09-01"}, new String[] {"python-v0.4.4", "2024-08-07"}), "t");
    assertThat(releases).extracting(SafetensorsRelease::tag).containsExactly("v0.4.4", "v0.4.5");
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
