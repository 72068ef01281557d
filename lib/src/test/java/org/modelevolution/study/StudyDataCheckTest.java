package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.io.Sha256;

class StudyDataCheckTest {
  private static StudyManifest.Entry entry(String file, String sha256) {
    return new StudyManifest.Entry(file, "results/" + file, "c0ffee", "https://example.org/" + file,
        sha256, null, 3, "final", List.of("RQ1"), null);
  }

  @Test
  void reportsVerifiedMissingAndTamperedFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("good.csv"), "a,b");
    Files.writeString(dir.resolve("tampered.csv"), "a,c");
    String pinned = Sha256.of("a,b".getBytes());
    StudyManifest manifest = new StudyManifest("repo", "head",
        List.of(entry("good.csv", pinned), entry("tampered.csv", pinned), entry("absent.csv", pinned)), List.of());

    List<StudyDataCheck.Result> results = StudyDataCheck.check(manifest, dir);

    assertThat(results).extracting(StudyDataCheck.Result::status).containsExactly(
        StudyDataCheck.Status.VERIFIED, StudyDataCheck.Status.CHECKSUM_MISMATCH, StudyDataCheck.Status.MISSING);
  }

  @Test
  void theProjectManifestPinsEverySharedStudyFile() {
    ProjectLayout layout = ProjectLayout.discover();
    Path shared = org.modelevolution.testing.Shared.study();

    StudyManifest manifest = StudyManifest.read(layout.manifest());

    assertThat(manifest.repositoryHead()).isEqualTo("58d8e17d1296edff426137aef20f686dba1dc967");
    assertThat(manifest.inputs()).allSatisfy(e -> assertThat(e.downloadUrl()).isPresent());
    // every file of the shared copy is pinned and verified; the two files too large for the copy are only pinned
    assertThat(StudyDataCheck.check(manifest, shared)).allSatisfy(r -> assertThat(r.status()).as(r.entry().file())
        .isEqualTo(r.entry().sha256() == null ? StudyDataCheck.Status.MISSING : StudyDataCheck.Status.VERIFIED));
  }
}
