package org.modelevolution.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.modelevolution.formats.ModelFiles;

/**
 * Reads a group's commit log ({@code selected_{group}_commits.csv}) into what RQ1 needs of each
 * commit, and the change status of every changed model file (the study's {@code changed_files}
 * dictionary). The wide {@code all_files_in_tree} field is scanned in place, on the bytes, never
 * decoded into a string.
 */
final class CommitLogs {
  /** The converter leaves the root-level PyTorch weights in place; the study checked that path. */
  private static final String ROOT_PYTORCH_BIN = "pytorch_model.bin";

  private CommitLogs() {}

  /**
   * The reduced commit log, and the changed model files whose (last) change status in their
   * commit is {@code +}, as {@code repo/path&&commit}: the only status the analyses use.
   */
  record CommitLog(List<CommitSummary> commits, Set<String> addedFiles) {}

  static Inputs.Parsed<CommitLog> read(Path file) {
    List<CommitSummary> commits = new ArrayList<>();
    Set<String> added = new HashSet<>();
    Interner strings = new Interner();
    List<String> columns = List.of("repo_url", "commit_hash", "date", "changed_files", "all_files_in_tree");
    String sha = CsvColumns.forEachRecord(file, columns, record -> {
      boolean[] flags = record.escaped(4)
          ? treeFlags(record.string(4))
          : TreeScan.flags(record.bytes(), record.start(4), record.end(4));
      commits.add(summarize(strings.intern(record.string(0)), record.string(1), record.string(2),
          record.string(3), flags, added));
    });
    return new Inputs.Parsed<>(new CommitLog(commits, added), sha);
  }

  /** Reduces one commit; records the change status of each changed model file. */
  private static CommitSummary summarize(String repo, String hash, String date, String changed, boolean[] treeFlags,
      Set<String> added) {
    boolean touches = false;
    int start = 0;
    while (start < changed.length()) {
      int end = changed.indexOf(';', start);
      if (end < 0) {
        end = changed.length();
      }
      // an entry is "<status> <path>"; the study took the suffix of the whole entry
      if (ModelFiles.isStudyModelFile(changed, start, end)) {
        touches = true;
        int space = indexOfWhitespace(changed, start, end);
        if (space > start) {
          int pathStart = skipWhitespace(changed, space, end);
          String key = repo + '/' + changed.substring(pathStart, end) + "&&" + hash;
          // a file listed twice keeps its last status, as the study's dictionary did
          if (space - start == 1 && changed.charAt(start) == '+') {
            added.add(key);
          } else {
            added.remove(key);
          }
        }
      }
      start = end + 1;
    }
    return new CommitSummary(repo, hash, date, touches, treeFlags[0], treeFlags[1]);
  }

  /** [a model file is in the tree, pytorch_model.bin is at the root] from the decoded tree field. */
  private static boolean[] treeFlags(String tree) {
    boolean modelInTree = false;
    boolean pytorchBin = false;
    int start = 0;
    while (start < tree.length()) {
      int end = tree.indexOf(';', start);
      if (end < 0) {
        end = tree.length();
      }
      if (!modelInTree && ModelFiles.isStudyModelFile(tree, start, end)) {
        modelInTree = true;
      }
      if (!pytorchBin && end - start == ROOT_PYTORCH_BIN.length() && tree.startsWith(ROOT_PYTORCH_BIN, start)) {
        pytorchBin = true;
      }
      start = end + 1;
    }
    return new boolean[] {modelInTree, pytorchBin};
  }

  private static int indexOfWhitespace(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int skipWhitespace(String s, int start, int end) {
    int i = start;
    while (i < end && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
