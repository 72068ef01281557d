package org.modelevolution.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.modelevolution.io.Sha256;

/**
 * Checks a folder of study data against the pinned manifest: which files are present, and
 * whether each present file has the pinned SHA-256.
 */
public final class StudyDataCheck {
  private StudyDataCheck() {}

  /** What was found for one manifest entry. */
  public enum Status {
    VERIFIED,
    MISSING,
    CHECKSUM_MISMATCH
  }

  public record Result(StudyManifest.Entry entry, Path path, Status status, String actualSha256) {}

  public static List<Result> check(StudyManifest manifest, Path studyData) {
    return manifest.all().map(entry -> check(entry, studyData)).toList();
  }

  public static Result check(StudyManifest.Entry entry, Path studyData) {
    Path path = studyData.resolve(entry.file());
    if (!Files.isRegularFile(path)) {
      return new Result(entry, path, Status.MISSING, null);
    }
    String actual = Sha256.of(path);
    Status status = actual.equals(entry.sha256()) ? Status.VERIFIED : Status.CHECKSUM_MISMATCH;
    return new Result(entry, path, status, actual);
  }
}
