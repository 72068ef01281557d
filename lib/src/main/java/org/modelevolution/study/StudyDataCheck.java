package org.modelevolution.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a folder of study data against the pinned manifest: which files are present, and
 * whether each present file has the pinned content (SHA-256, or git blob id where no SHA-256 is known).
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
    Pins.Digests actual = Pins.digests(path, entry);
    try {
      Pins.verify(entry, path, actual);
      return new Result(entry, path, Status.VERIFIED, actual.sha256());
    } catch (StudyDataException mismatch) {
      return new Result(entry, path, Status.CHECKSUM_MISMATCH, actual.sha256());
    }
  }
}
