package org.modelevolution.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {
  @Test
  void findsTheRootFromASubfolderAndDefaultsTheSharedInputsBesideIt(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("checkout");
    Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve(ProjectLayout.MANIFEST), "{}");
    Files.createDirectories(root.resolve("notebooks"));

    ProjectLayout layout = ProjectLayout.discover(root.resolve("notebooks"), Map.of());

    assertThat(layout.root()).isEqualTo(root);
    assertThat(layout.studyData()).isEqualTo(dir.resolve("shared/study"));
    assertThat(layout.formatsCorpus()).isEqualTo(dir.resolve("shared/formats-corpus"));
    assertThat(layout.results()).isEqualTo(root.resolve("results"));
  }

  @Test
  void environmentVariablesMoveTheInputs(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve(ProjectLayout.MANIFEST), "{}");

    ProjectLayout layout = ProjectLayout.discover(dir, Map.of(
        "SHARED_DIR", dir.resolve("elsewhere").toString(),
        "STUDY_DATA", dir.resolve("lfs-inputs").toString()));

    assertThat(layout.studyData()).isEqualTo(dir.resolve("lfs-inputs"));
    assertThat(layout.formatsCorpus()).isEqualTo(dir.resolve("elsewhere/formats-corpus"));
  }
}
