package org.modelevolution.history;

/**
 * How a commit changed a file, with the one-character symbol the study's commit tables use in
 * {@code changed_files} ({@code "+ model.safetensors"}).
 */
public enum ChangeType {
  ADDED("+"),
  DELETED("-"),
  MODIFIED("*"),
  /** Renamed; the entry carries the new path. */
  RENAMED("="),
  /** Same path, other kind of object (a file became a symbolic link or back). */
  TYPE_CHANGED(">"),
  /** Copied; the entry carries the new path. */
  COPIED("<");

  private final String symbol;

  ChangeType(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
