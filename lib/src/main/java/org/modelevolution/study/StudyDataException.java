package org.modelevolution.study;

/** A study data file is missing, malformed or does not match its pinned checksum. */
public class StudyDataException extends RuntimeException {
  public StudyDataException(String message) {
    super(message);
  }

  public StudyDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
