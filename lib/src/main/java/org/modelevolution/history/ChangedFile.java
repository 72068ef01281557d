package org.modelevolution.history;

/** A file a commit changed, by its path after the commit (the old path for deletions). */
public record ChangedFile(ChangeType type, String path) {

  /** The study's form: {@code "<symbol> <path>"}. */
  @Override
  public String toString() {
    return type.symbol() + " " + path;
  }
}
