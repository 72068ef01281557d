package org.modelevolution.history;

import java.time.Instant;
import java.util.List;

/**
 * One commit of a repository's history, as the study's commit tables record it.
 *
 * @param hash the 40-hex commit id
 * @param author the author's display name
 * @param date the author date
 * @param message the full message, stripped of surrounding white space
 * @param changedFiles files changed relative to the first parent (all files as added for a root commit), sorted by path
 * @param tree every entry of the tree after the commit, folders included, breadth first with each
 *     level in git order (the order of GitPython's {@code tree.traverse()})
 */
public record Commit(String hash, String author, Instant date, String message,
    List<ChangedFile> changedFiles, List<TreeItem> tree) {

  public Commit {
    changedFiles = List.copyOf(changedFiles);
    tree = List.copyOf(tree);
  }

  /** The paths of {@link #tree()}. */
  public List<String> filesInTree() {
    return tree.stream().map(TreeItem::path).toList();
  }
}
