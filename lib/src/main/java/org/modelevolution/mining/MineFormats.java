package org.modelevolution.mining;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.modelevolution.hub.HubException;
import org.modelevolution.formats.ModelFiles;
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
 * clone with LFS content would have moved.
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
   * content starts like a zip (the only kind that may need a second, tail, read).
   */
  public record BlobFormat(String format, long size, long requests, long bytesTransferred, String note,
      long contentRequests, boolean zip) {}

  private final MiningContext ctx;
  private final MiningParameters params;
  private final Group group;

  public MineFormats(MiningContext ctx, MiningParameters params, Group group) {
    this.ctx = ctx;
    this.params = params;
    this.group = group;
  }

  public StepResult run() {
    MiningRun run = PerRepository.start(ctx, params, STEP, group);
    List<String> ids = PerRepository.selected(ctx, group, run);
    try (MiningRun.Checkpoint<RepoFormats> journal = run.checkpoint(STEP + "-" + group.fileSuffix(), RepoFormats.class);
        MiningRun.Checkpoint<BlobFormat> blobs = run.checkpoint(BLOBS, BlobFormat.class);
        Progress progress = run.progress("formats " + group.fileSuffix(), ids.size())) {
      PerRepository.mineAll(ctx, STEP, group, ids, journal, run, progress, new PerRepository.Unit<>() {
        @Override
        public RepoFormats mine(String id) throws IOException {
          return new RepoFormats(id, MineFormats.this.mine(id, blobs, run));
        }

        @Override
        public RepoFormats unavailable(String id, BareClones.RepositoryUnavailableException e) {
          return new RepoFormats(id, 0);
        }
      });
      writeTable(ids, journal, run);
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

  private long mine(String id, MiningRun.Checkpoint<BlobFormat> blobs, MiningRun run) throws IOException {
    List<String> rows = new ArrayList<>();
    try (Repository repository = ctx.clones().open(id)) {
      RepositoryHistory history = RepositoryHistory.of(repository);
      try (Stream<Commit> commits = history.commits()) {
        for (Commit c : (Iterable<Commit>) commits.filter(c -> c.date().isBefore(params.until()))::iterator) {
          if (c.changedFiles().stream().noneMatch(f -> ModelFiles.isModelFile(f.path(), ModelFiles.Scope.STUDY))) {
            continue;
          }
          run.count("model_commits");
          Set<String> inCommit = inCommitPaths(c.changedFiles());
          for (TreeItem item : c.tree()) {
            if (item.kind() == TreeItem.Kind.DIRECTORY || !ModelFiles.isModelFile(item.path(), ModelFiles.Scope.STUDY)) {
              continue;
            }
            String format = item.kind() == TreeItem.Kind.SYMLINK ? SYMLINK
                : formatOf(id, c.hash(), item, history, blobs, run);
            rows.add(PandasCsv.line(id, c.hash(), id + "/" + item.path(), format, c.message(), c.author(),
                StudyDates.commitDate(c.date()), inCommit.contains(item.path()) ? "True" : "False"));
          }
        }
      }
    }
    AtomicFiles.writeString(ctx.layout().part(STEP, group, id), String.join("", rows));
    return rows.size();
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

  private String formatOf(String id, String commit, TreeItem item, RepositoryHistory history,
      MiningRun.Checkpoint<BlobFormat> blobs, MiningRun run) throws IOException {
    RepositoryHistory.BlobInfo blob = history.blob(item.objectId());
    String key = blob.contentKey();
    var known = blobs.get(key);
    if (known.isPresent()) {
      run.count("blob_lookups_cached");
      return known.get().format();
    }
    BlobFormat result;
    try {
      FormatSniffer.SniffResult sniffed = ctx.sniffer().sniff(
          new FormatSniffer.SniffRequest(id, commit, item.path(), key, blob.contentSize()));
      result = new BlobFormat(sniffed.format(), blob.contentSize(), sniffed.requests(), sniffed.bytesTransferred(), null,
          sniffed.contentRequests(), sniffed.zip());
    } catch (HubException e) {
      if (!e.repositoryUnavailable() && e.reason() != HubException.Reason.ENTRY_NOT_FOUND
          && e.reason() != HubException.Reason.RANGE_NOT_SATISFIABLE) {
        throw e;
      }
      // The content cannot be read (gated since, removed, empty): the study's label for unknown.
      result = new BlobFormat("undetermined", blob.contentSize(), 0, 0, e.reason().name(), 0, false);
    }
    blobs.record(key, result);
    run.count("blobs_sniffed");
    return result.format();
  }

  private void writeTable(List<String> ids, MiningRun.Checkpoint<RepoFormats> journal, MiningRun run) {
    Map<String, Long> rows = new TreeMap<>();
    journal.entries().forEach((id, entry) -> rows.put(id, entry.rows()));
    PerRepository.writeTable(ctx, STEP, group, HEADER, ids, rows, ctx.layout().evolution(group), run);
  }
}
