package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;

class PinsTest {
  /** What {@code printf 'a,b\n1,2\n' | git hash-object --stdin} prints. */
  private static final String BLOB_ID = "cfa20f81071245f292f0b52b37beb7adf9259a26";

  @Test
  void aFilePinnedBySha256IsCheckedBySha256AloneAndItsBlobIdIsNotComputed(@TempDir Path dir) throws Exception {
    Path file = write(dir);
    StudyManifest.Entry pin = entry(Sha256.of(file), null);
    Pins.Digests digests = Pins.digests(file, pin);
    assertThat(digests.sha256()).isEqualTo(Sha256.of(file));
    assertThat(digests.gitBlobSha1()).isNull();
    assertThat(Pins.verify(pin, file, digests)).isEqualTo(InputFile.Status.VERIFIED);
    StudyManifest.Entry wrong = entry("0".repeat(64), null);
    assertThatThrownBy(() -> Pins.verify(wrong, file, Pins.digests(file, wrong)))
        .isInstanceOf(StudyDataException.class).hasMessageContaining("expected SHA-256 " + "0".repeat(64));
  }

  @Test
  void aFilePinnedByItsGitBlobIdAloneIsCheckedByIt(@TempDir Path dir) throws Exception {
    Path file = write(dir);
    assertThat(gitBlobId(Files.readAllBytes(file))).isEqualTo(BLOB_ID);
    StudyManifest.Entry pin = entry(null, BLOB_ID);
    Pins.Digests digests = Pins.digests(file, pin);
    assertThat(digests.gitBlobSha1()).isEqualTo(BLOB_ID);
    assertThat(digests.sha256()).isEqualTo(Sha256.of(file));
    assertThat(Pins.verify(pin, file, digests)).isEqualTo(InputFile.Status.VERIFIED_GIT_BLOB);
    StudyManifest.Entry wrong = entry(null, "0".repeat(40));
    assertThatThrownBy(() -> Pins.verify(wrong, file, Pins.digests(file, wrong)))
        .isInstanceOf(StudyDataException.class).hasMessageContaining("expected git blob id " + "0".repeat(40))
        .hasMessageContaining("found " + BLOB_ID);
  }

  private static Path write(Path dir) throws Exception {
    return Files.writeString(dir.resolve("table.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);
  }

  /** What {@code git hash-object} prints, computed here by JGit's object id of a blob. */
  private static String gitBlobId(byte[] bytes) {
    return new org.eclipse.jgit.lib.ObjectInserter.Formatter()
        .idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, bytes).name();
  }

  private static StudyManifest.Entry entry(String sha256, String gitBlobSha1) {
    return new StudyManifest.Entry("table.csv", "results/table.csv", "58d8e17d1296edff426137aef20f686dba1dc967",
        null, sha256, gitBlobSha1, 8, "final", List.of("RQ1"), null);
  }
}
