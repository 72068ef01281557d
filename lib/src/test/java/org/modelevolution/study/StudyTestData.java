package org.modelevolution.study;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.modelevolution.environment.ProjectLayout;

/** Locates the shared study data for tests, skipping cleanly when it is absent. */
public final class StudyTestData {
  private StudyTestData() {}

  public static Path sharedDir() {
    String shared = System.getProperty("shared.dir");
    Path dir = shared != null ? Path.of(shared) : ProjectLayout.discover().studyData().getParent();
    return dir.toAbsolutePath().normalize();
  }

  public static Path studyDir() {
    Path study = sharedDir().resolve("study");
    assumeTrue(Files.isRegularFile(study.resolve("safetensors_commits_by_tool_legacy.csv")),
        "the shared study data is absent (" + study + "); skipping");
    return study;
  }

  public static ProjectLayout layout() {
    return ProjectLayout.discover(Path.of("").toAbsolutePath(), Map.of());
  }

  public static StudyData load() {
    return StudyDataLoader.forLayout(layout()).load(studyDir());
  }
}
