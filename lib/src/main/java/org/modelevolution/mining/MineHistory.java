package org.modelevolution.mining;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.modelevolution.history.BareClones;
import org.modelevolution.history.ChangedFile;
import org.modelevolution.history.Commit;
import org.modelevolution.history.RepositoryHistory;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.io.PandasCsv;
import org.modelevolution.progress.Progress;
import org.modelevolution.study.Group;

/**
 * Step 2: the commit history of every selected repository of a group, written as
 * {@code selected_{group}_commits.csv} (one row per commit on {@code main} before the cut-off,
 * newest first, repositories in the order of the group's JSON file).
 *
 * <p>Histories come from bare clones that carry LFS pointers only, read with JGit: one git fetch
 * per repository instead of one tree request per commit through the JSON API, which would cost
 * {@code 1 + commits} requests of the scarce {@code api} bucket per repository and still lack
 * rename detection. Each repository is a unit: its rows go to a part file, then the journal
 * records it; the table is assembled from the parts.
 */
public final class MineHistory {
  public static final String STEP = "history";
  static final String HEADER = PandasCsv.line("repo_url", "commit_hash", "author", "date", "message",
      "changed_files", "all_files_in_tree");

  /** A finished repository; {@code unavailable} says why it has no history (null when mined). */
  public record RepoHistory(String id, long commits, String unavailable) {}

  private final MiningContext ctx;
  private final MiningParameters params;
  private final Group group;

  public MineHistory(MiningContext ctx, MiningParameters params, Group group) {
    this.ctx = ctx;
    this.params = params;
    this.group = group;
  }

  public StepResult run() {
    MiningRun run = PerRepository.start(ctx, params, STEP, group);
    List<String> ids = PerRepository.selected(ctx, group, run);
    try (MiningRun.Checkpoint<RepoHistory> journal = run.checkpoint(STEP + "-" + group.fileSuffix(), RepoHistory.class);
        Progress progress = run.progress("history " + group.fileSuffix(), ids.size())) {
      PerRepository.mineAll(ctx, STEP, group, ids, journal, run, progress, new PerRepository.Unit<>() {
        @Override
        public RepoHistory mine(String id) throws IOException {
          return new RepoHistory(id, MineHistory.this.mine(id), null);
        }

        @Override
        public RepoHistory unavailable(String id, BareClones.RepositoryUnavailableException e) {
          // As in the study, a repository that cannot be cloned any more has no commits.
          run.note(id, "unavailable: " + e.getMessage());
          return new RepoHistory(id, 0, e.getMessage());
        }
      });
      writeTable(ids, journal, run);
    }
    return run.finish();
  }

  private long mine(String id) throws IOException {
    Path part = ctx.layout().part(STEP, group, id);
    long[] count = {0};
    try (Repository repository = ctx.clones().open(id);
        Stream<Commit> commits = RepositoryHistory.of(repository).commits()) {
      AtomicFiles.write(part, out -> {
        for (Commit c : (Iterable<Commit>) commits.filter(c -> c.date().isBefore(params.until()))::iterator) {
          out.write(row(id, c).getBytes(StandardCharsets.UTF_8));
          count[0]++;
        }
      });
    }
    return count[0];
  }

  static String row(String id, Commit c) {
    return PandasCsv.line(id, c.hash(), c.author(), StudyDates.commitDate(c.date()), c.message(),
        c.changedFiles().stream().map(ChangedFile::toString).collect(Collectors.joining(";")),
        String.join(";", c.filesInTree()));
  }

  private void writeTable(List<String> ids, MiningRun.Checkpoint<RepoHistory> journal, MiningRun run) {
    Map<String, Long> rows = new TreeMap<>();
    journal.entries().forEach((id, entry) -> rows.put(id, entry.commits()));
    PerRepository.writeTable(ctx, STEP, group, HEADER, ids, rows, ctx.layout().selectedCommits(group), run);
  }

}
