package org.modelevolution.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * The reduced commit log, per repository in order of first appearance, and the changed model
   * files whose (last) change status in their commit is {@code +}, as {@code repo/path&&commit}:
   * the only status the analyses use.
   */
  record CommitLog(Map<String, RepositoryCommits> repositories, FileKeys addedFiles) {}

  private static final List<String> COLUMNS =
      List.of("repo_url", "commit_hash", "date", "changed_files", "all_files_in_tree");
  private static final int DATE = 2;

  static Inputs.Parsed<CommitLog> read(Path file) {
    return read(file, CsvChunks.Workers.NONE);
  }

  /** Reads {@code file}, in chunks side by side when it is large (the result is the same). */
  static Inputs.Parsed<CommitLog> read(Path file, CsvChunks.Workers workers) {
    Inputs.Parsed<Part> parsed = CsvChunks.parse(file, COLUMNS, workers, Part::new, Part::append);
    Part log = parsed.value();
    return new Inputs.Parsed<>(new CommitLog(log.repositories, log.added), parsed.sha256());
  }

  /** The log of a run of records: of the whole file, or of one chunk of it. */
  private static final class Part implements CsvChunks.Chunk<Part> {
    final Map<String, RepositoryCommits> repositories = new LinkedHashMap<>();
    final FileKeys added = new FileKeys();
    /** Keys whose status in these records is not {@code +}: another status undoes a {@code +} of an earlier part. */
    final List<String> removed = new ArrayList<>();
    final Interner strings = new Interner();

    @Override
    public void accept(CsvColumns.Record record) {
      String repo = strings.intern(record.string(0));
      boolean touches = touchesModel(repo, record.string(1), record.string(3), this);
      RepositoryCommits commit;
      try {
        commit = RepositoryCommits.of(repo, record.string(DATE), touches, false, false);
      } catch (StudyDataException e) {
        throw new CsvColumns.FieldException(DATE, e.getMessage(), e);
      }
      // The tree (most of the log's bytes) answers two questions, each used only sometimes: whether
      // it holds a model file counts only for a commit that touches one, and whether it holds
      // pytorch_model.bin only for the repository's newest commit. A commit no newer than the newest
      // seen before it in these records cannot be that one (merge keeps the earlier of equals, and a
      // later part's own newest is what competes), so its tree is scanned only for what can count.
      RepositoryCommits before = repositories.get(repo);
      boolean mayBeNewest = before == null || commit.newerThan(before);
      if (touches || mayBeNewest) {
        boolean[] flags = record.escaped(4)
            ? treeFlags(record.string(4))
            : TreeScan.flags(record.bytes(), record.start(4), record.end(4), touches, mayBeNewest);
        commit = commit.withTree(flags[0], flags[1]);
      }
      repositories.merge(repo, commit, RepositoryCommits::merge);
    }

    @Override
    public Part part() {
      return this;
    }

    /** This part followed by {@code later}'s records, as one part (this one, grown). */
    Part append(Part later) {
      later.repositories.forEach((repo, commits) -> repositories.merge(repo, commits, RepositoryCommits::merge));
      later.removed.forEach(added::remove);
      added.addAll(later.added);
      return this;
    }
  }

  /**
   * Whether an entry of {@code changed} has a model-file suffix; records the files the commit
   * added, and the others, in {@code part}.
   */
  private static boolean touchesModel(String repo, String hash, String changed, Part part) {
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
            part.added.add(key);
          } else {
            part.added.remove(key);
            part.removed.add(key);
          }
        }
      }
      start = end + 1;
    }
    return touches;
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
