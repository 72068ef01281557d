package org.modelevolution.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modelevolution.formats.ModelFiles;

/**
 * Reads a group's commit log ({@code selected_{group}_commits.csv}) into what RQ1 needs of each
 * commit, and the change status of every changed model file (the study's {@code changed_files}
 * dictionary). The wide {@code all_files_in_tree} field is scanned in place, never decoded into
 * a string, where the file can be memory-mapped.
 */
final class CommitLogs {
  /** The converter leaves the root-level PyTorch weights in place; the study checked that path. */
  private static final String ROOT_PYTORCH_BIN = "pytorch_model.bin";

  private CommitLogs() {}

  /** The reduced commit log and the change status of every changed model file. */
  record CommitLog(List<CommitSummary> commits, Map<String, String> changeStatus) {}

  static Inputs.Parsed<CommitLog> read(Path file) {
    List<CommitSummary> commits = new ArrayList<>();
    Map<String, String> status = new HashMap<>();
    Interner strings = new Interner();
    List<String> columns = List.of("repo_url", "commit_hash", "date", "changed_files", "all_files_in_tree");
    String sha;
    try {
      if (MappedCsv.fits(file)) {
        sha = MappedCsv.forEach(file, columns, (record, index) -> {
          int tree = index[4];
          boolean[] flags = record.escaped[tree]
              ? treeFlags(record.string(tree))
              : TreeScan.flags(record, record.start[tree], record.end[tree]);
          commits.add(summarize(strings.intern(record.string(index[0])), record.string(index[1]),
              record.string(index[2]), record.string(index[3]), flags, status, strings));
        });
      } else {
        sha = CsvColumns.forEach(file, columns, v -> commits.add(
            summarize(strings.intern(v[0]), v[1], v[2], v[3], treeFlags(v[4]), status, strings)));
      }
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
    return new Inputs.Parsed<>(new CommitLog(commits, status), sha);
  }

  /** Reduces one commit; records the change status of each changed model file. */
  private static CommitSummary summarize(String repo, String hash, String date, String changed, boolean[] treeFlags,
      Map<String, String> status, Interner strings) {
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
          String st = strings.intern(changed.substring(start, space));
          int pathStart = skipWhitespace(changed, space, end);
          status.put(repo + '/' + changed.substring(pathStart, end) + "&&" + hash, st);
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
