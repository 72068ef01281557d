package org.modelevolution.study;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.modelevolution.io.Sha256;

/**
 * Checks a file's bytes against its manifest entry: by SHA-256, or, where the study published no
 * SHA-256, by its git blob id ({@code sha1("blob <size>\0" + bytes)}, what {@code git hash-object}
 * prints), so that a file downloaded from the study's repository can be verified from the tree
 * listing alone.
 */
final class Pins {
  private Pins() {}

  /**
   * The digests of a file, computed in one pass: its SHA-256 (what provenance records), and its git
   * blob id only where {@link #verify} needs it (an entry pinned by blob id alone), else null.
   */
  record Digests(String sha256, String gitBlobSha1, long bytes) {}

  static Digests digests(Path file, StudyManifest.Entry entry) {
    try {
      long size = Files.size(file);
      MessageDigest sha256 = Sha256.digest();
      MessageDigest blob = entry.sha256() == null && entry.gitBlobSha1() != null
          ? MessageDigest.getInstance("SHA-1") : null;
      if (blob != null) {
        blob.update(("blob " + size + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha256.update(buffer, 0, n);
          if (blob != null) {
            blob.update(buffer, 0, n);
          }
        }
      }
      return new Digests(HexFormat.of().formatHex(sha256.digest()),
          blob == null ? null : HexFormat.of().formatHex(blob.digest()), size);
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }

  /**
   * Verifies {@code file} against {@code entry}, before anything parses it.
   *
   * @throws StudyDataException naming the file, the expected and the actual digest, and what to do
   */
  static InputFile.Status verify(StudyManifest.Entry entry, Path file, Digests actual) {
    if (entry.sha256() != null) {
      if (!entry.sha256().equals(actual.sha256())) {
        throw mismatch(entry, file, "SHA-256", entry.sha256(), actual.sha256());
      }
      return InputFile.Status.VERIFIED;
    }
    if (entry.gitBlobSha1() != null) {
      if (!entry.gitBlobSha1().equals(actual.gitBlobSha1())) {
        throw mismatch(entry, file, "git blob id", entry.gitBlobSha1(), actual.gitBlobSha1());
      }
      return InputFile.Status.VERIFIED_GIT_BLOB;
    }
    return InputFile.Status.NOT_PINNED;
  }

  private static StudyDataException mismatch(StudyManifest.Entry entry, Path file, String kind, String expected,
      String actual) {
    return new StudyDataException(file + " is not the study's original " + entry.originalPath() + " (pinned at "
        + entry.commit().substring(0, Math.min(10, entry.commit().length())) + "): expected " + kind + " " + expected + ", found " + actual
        + ". Replace it with the original (reproduce --download fetches it into data/downloads after you delete this copy),"
        + " or point STUDY_DATA at a folder with the original files.");
  }
}
