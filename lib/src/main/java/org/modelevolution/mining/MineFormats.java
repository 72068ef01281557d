package org.modelevolution.mining;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.modelevolution.history.BareClones;
import org.modelevolution.history.ChangedFile;
import org.modelevolution.history.Commit;
import org.modelevolution.history.RepositoryHistory;
import org.modelevolution.history.TreeItem;
import org.modelevolution.formats.ModelFiles;
import org.modelevolution.formats.PickleScan;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.io.PandasCsv;
import org.modelevolution.progress.Progress;
import org.modelevolution.study.Group;

/**
 * Step 3: the serialization format of every model file in the tree of every commit that touches
 * a model file, written as {@code repositories_evolution_{group}_commits_processed.csv}.
 *
 * <p>A format belongs to a content, not to a path: each distinct content (LFS SHA-256, or git
 * blob id for files stored in git) is sniffed once, across commits, repositories and both
 * groups, through a ranged remote read of its first bytes, and recorded in a shared journal. The
 * manifest compares the bytes this moved with the sum of the contents' sizes, which is what a
 * clone with LFS content would have moved ({@link BlobFormats}).
 *
 * <p>With {@code --security} ({@link MiningParameters#security()}) the step also writes our
 * pickle verdict of every model-file content beside the Hub's ({@link FormatsSecurity}); its
 * table is the same either way.
 */
public final class MineFormats {
  public static final String STEP = "formats";
  public static final String SYMLINK = "UNDETERMINED (symbolic link)";
  /** The checkpoint of sniffed contents, shared by both groups. */
  static final String BLOBS = "formats-blobs";
  static final String HEADER = PandasCsv.line("repo_url", "commit_hash", "model_file_path",
      "serialization_format", "message", "author", "date", "is_in_commit");

  /** A finished repository. */
  public record RepoFormats(String id, long rows) {}

  /**
   * The format of one distinct content and what telling it cost: HTTP exchanges (redirect hops
   * included), body bytes, and the ranged reads that fetched content; {@code zip} when the
   * content starts like a zip (the only kind that may need a second, tail, read); {@code note}
   * why the content could not be read, if so; {@code pickle} our scan of its pickles, recorded
   * with {@code --security} only. Left out of the journal when null, so that entries without it
   * keep their bytes and entries journalled before it existed still read (as null).
   */
  public record BlobFormat(String format, long size, long requests, long bytesTransferred, String note,
      long contentRequests, boolean zip, @JsonInclude(JsonInclude.Include.NON_NULL) PickleScan pickle) {

    /** Readable, but journalled without our scan: a run with {@code --security} sniffs it again. */
    boolean lacksScan() {
      return pickle == null && note == null;
    }
  }

  private final MiningContext ctx;
  private final MiningParameters params;
  private final Group group;

  public MineFormats(MiningContext ctx, MiningParameters params, Group group) {
    this.ctx = ctx;
    this.params = params;
    this.group = group;
  }

  public StepResult run() {
    // Recorded only when on: a run without --security keeps the manifest it always had.
    MiningRun run = PerRepository.start(ctx, params, STEP, group,
        params.security() ? Map.of("security", "true") : Map.of());
    List<String> ids = PerRepository.selected(ctx, group, run);
    try (MiningRun.Checkpoint<RepoFormats> journal = run.checkpoint(STEP + "-" + group.fileSuffix(), RepoFormats.class);
        MiningRun.Checkpoint<BlobFormat> blobs = run.checkpoint(BLOBS, BlobFormat.class)) {
      BlobFormats formats = new BlobFormats(ctx, blobs, run, params.security());
      try (Progress progress = run.progress("formats " + group.fileSuffix(), ids.size())) {
        PerRepository.mineAll(ctx, STEP, group, ids, journal, run, progress, new PerRepository.Unit<>() {
          @Override
          public RepoFormats mine(String id) throws IOException {
            return new RepoFormats(id, MineFormats.this.mine(id, formats, run));
          }

          @Override
          public RepoFormats unavailable(String id, BareClones.RepositoryUnavailableException e) {
            return new RepoFormats(id, 0);
          }
        });
      }
      writeTable(ids, journal, run);
      if (params.security()) {
        new FormatsSecurity(ctx, params, group, formats, run).run(ids, journal);
      }
      long sniffed = 0;
      long requests = 0;
      long transferred = 0;
      long contentBytes = 0;
      long contentRequests = 0;
      long nonZipOverOne = 0;
      long maxBytes = 0;
      for (BlobFormat b : blobs.entries().values()) {
        sniffed++;
        requests += b.requests();
        transferred += b.bytesTransferred();
        contentBytes += b.size();
        contentRequests += b.contentRequests();
        nonZipOverOne += !b.zip() && b.contentRequests() > 1 ? 1 : 0;
        maxBytes = Math.max(maxBytes, b.bytesTransferred());
      }
      run.add("sniff_content_requests_all_groups", contentRequests);
      run.add("blobs_not_zip_with_more_than_one_content_request", nonZipOverOne);
      run.add("blob_most_bytes_transferred", maxBytes);
      run.add("blobs_distinct_all_groups", sniffed);
      run.add("sniff_requests_all_groups", requests);
      run.add("sniff_bytes_transferred_all_groups", transferred);
      run.add("blob_bytes_total_all_groups", contentBytes);
    }
    return run.finish();
  }

  private long mine(String id, BlobFormats formats, MiningRun run) throws IOException {
    List<String> rows = new ArrayList<>();
    try (Repository repository = ctx.clones().open(id)) {
      RepositoryHistory history = RepositoryHistory.of(repository);
      try (Stream<Commit> commits = history.commits()) {
        for (Commit c : (Iterable<Commit>) commits.filter(c -> isModelCommit(c, params.until()))::iterator) {
          run.count("model_commits");
          Set<String> inCommit = inCommitPaths(c.changedFiles());
          for (TreeItem item : c.tree()) {
            if (item.kind() == TreeItem.Kind.DIRECTORY || !ModelFiles.isModelFile(item.path(), ModelFiles.Scope.STUDY)) {
              continue;
            }
            String format = item.kind() == TreeItem.Kind.SYMLINK ? SYMLINK
                : formats.of(id, c.hash(), item, history).format();
            rows.add(PandasCsv.line(id, c.hash(), id + "/" + item.path(), format, c.message(), c.author(),
                StudyDates.commitDate(c.date()), inCommit.contains(item.path()) ? "True" : "False"));
          }
        }
      }
    }
    AtomicFiles.writeString(ctx.layout().part(STEP, group, id), String.join("", rows));
    return rows.size();
  }

  /** The commits the step looks at: made before {@code until} and changing a model file. */
  static boolean isModelCommit(Commit c, Instant until) {
    return c.date().isBefore(until)
        && c.changedFiles().stream().anyMatch(f -> ModelFiles.isModelFile(f.path(), ModelFiles.Scope.STUDY));
  }

  /** The study's rule: the second white-space separated token of each {@code "<status> <path>"}. */
  static Set<String> inCommitPaths(List<ChangedFile> changed) {
    Set<String> paths = new HashSet<>();
    for (ChangedFile f : changed) {
      String[] tokens = f.toString().strip().split("\\s+");
      if (tokens.length > 1) {
        paths.add(tokens[1]);
      }
    }
    return paths;
  }

  private void writeTable(List<String> ids, MiningRun.Checkpoint<RepoFormats> journal, MiningRun run) {
    Map<String, Long> rows = new TreeMap<>();
    journal.entries().forEach((id, entry) -> rows.put(id, entry.rows()));
    PerRepository.writeTable(ctx, STEP, group, HEADER, ids, rows, ctx.layout().evolution(group), run);
  }
}
