package org.modelevolution.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @Test
  void aBatchKeepsTheDigestOfEachFileAsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/table.csv");
    try (AtomicFiles.Batch batch = AtomicFiles.batch(dir)) {
      AtomicFiles.writeString(file, "a,b\n1,2\n");
      // the kept digest is the file's: the same as reading it back
      assertThat(AtomicFiles.sha256(file)).isEqualTo(Sha256.of(file))
          .isEqualTo(Sha256.of("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
      batch.force();
    }
  }

  @Test
  void aFileChangedSinceItWasWrittenIsHashedAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("figure.svg");
    try (AtomicFiles.Batch batch = AtomicFiles.batch(dir)) {
      AtomicFiles.writeString(file, "<svg/>");
      Files.writeString(file, "<svg></svg>"); // another writer, not through AtomicFiles: size differs
      assertThat(AtomicFiles.sha256(file)).isEqualTo(Sha256.of(file));
      Path other = dir.resolve("other.txt");
      AtomicFiles.writeString(other, "one");
      Path replacement = dir.resolve("replacement.txt");
      Files.writeString(replacement, "two"); // same size, another file moved over it
      Files.move(replacement, other, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThat(AtomicFiles.sha256(other)).isEqualTo(Sha256.of(other));
      Files.delete(file); // a file removed since is not forced, and is no error
      batch.force();
    }
  }

  @Test
  void outsideABatchFilesAreHashedFromDiskAndOneFolderHasOneBatch(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.txt");
    AtomicFiles.writeString(file, "x");
    assertThat(AtomicFiles.sha256(file)).isEqualTo(Sha256.of(file));
    try (AtomicFiles.Batch batch = AtomicFiles.batch(dir)) {
      assertThatThrownBy(() -> AtomicFiles.batch(dir)).isInstanceOf(IllegalStateException.class);
    }
    try (AtomicFiles.Batch again = AtomicFiles.batch(dir)) {
      assertThat(again).isNotNull(); // closed batches are gone
    }
  }
}
