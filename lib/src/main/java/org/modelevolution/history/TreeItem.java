package org.modelevolution.history;

/**
 * An entry of a commit's tree: a file, a folder, a symbolic link or a submodule, with its git
 * object id (a blob for files: for LFS files the blob is the pointer, not the content).
 */
public record TreeItem(String path, Kind kind, String objectId) {

  /** What a tree entry is. */
  public enum Kind { FILE, DIRECTORY, SYMLINK, SUBMODULE }

  public boolean isFile() {
    return kind == Kind.FILE;
  }
}
