package org.modelevolution.mining;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.modelevolution.formats.ModelFiles;
import org.modelevolution.history.BareClones;
import org.modelevolution.history.Commit;
import org.modelevolution.history.RepositoryHistory;
import org.modelevolution.history.TreeItem;
import org.modelevolution.hub.HubException;
import org.modelevolution.hub.SecurityFileStatus;
import org.modelevolution.hub.TreeEntry;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.progress.Progress;
import org.modelevolution.study.Group;

/**
 * The {@code --security} part of the formats step (issue item 6): our pickle verdict of every
 * model file beside the Hub's own {@code securityFileStatus.pickleImportScan}, written as
 * {@code formats_security_{group}.csv} ({@link SecurityCrossCheck} rows) with a report of the
 * disagreements by kind, {@code formats_security_{group}.md}.
 *
 * <p>One row per distinct content per repository, at the newest model commit whose tree holds it
 * (the Hub scans a file's content, so a content kept over a hundred commits is compared once).
 * Requests: one tree listing with {@code expand=true} (api-reference.md 1.5; its pages, 100
 * entries each, followed by their {@code Link} verbatim) per model commit that brings a content
 * not compared yet in the repository, none otherwise; our verdict comes from the formats
 * checkpoint, where the sniff journalled the scan of the bytes it read ({@link BlobFormats}), so no
 * file is read for the cross-check. A content whose bytes could not be read at all has no verdict
 * of ours and no row (counted); a revision or repository the Hub no longer lists gives rows without
 * a Hub verdict, which never count as disagreements.
 *
 * <p>A second pass over the group's repositories after the formats pass, with its own checkpoint
 * ({@code formats-security-<group>}, one {@link RepoSecurity} per repository) and per-repository
 * parts: a repository already mined without {@code --security} is cross-checked by a later run
 * with it, and a crash repeats at most the repository it was in. Only repositories the formats
 * pass finished are cross-checked (their contents are then all in the checkpoint).
 */
final class FormatsSecurity {
  /** The name of the parts folder and, with the group, of the checkpoint. */
  static final String STEP = "formats-security";

  /** A cross-checked repository: its rows and what they say. */
  record RepoSecurity(String id, SecurityCrossCheck.Summary summary) {}

  private final MiningContext ctx;
  private final MiningParameters params;
  private final Group group;
  private final BlobFormats blobs;
  private final MiningRun run;

  FormatsSecurity(MiningContext ctx, MiningParameters params, Group group, BlobFormats blobs, MiningRun run) {
    this.ctx = ctx;
    this.params = params;
    this.group = group;
    this.blobs = blobs;
    this.run = run;
  }

  /** Cross-checks the repositories of {@code ids} that {@code formats} holds, then writes the side file and report. */
  void run(List<String> ids, MiningRun.Checkpoint<MineFormats.RepoFormats> formats) {
    try (MiningRun.Checkpoint<RepoSecurity> journal = run.checkpoint(STEP + "-" + group.fileSuffix(), RepoSecurity.class);
        Progress progress = run.progress("formats security " + group.fileSuffix(), ids.size())) {
      List<String> mined = ids.stream().filter(formats::isDone).toList();
      PerRepository.mineAll(ctx, STEP, group, mined, journal, run, progress, "security_", new PerRepository.Unit<>() {
        @Override
        public RepoSecurity mine(String id) throws IOException {
          return FormatsSecurity.this.mine(id);
        }

        @Override
        public RepoSecurity unavailable(String id, BareClones.RepositoryUnavailableException e) {
          return new RepoSecurity(id, SecurityCrossCheck.Summary.EMPTY);
        }
      });
      write(ctx, group, ids, journal.entries(), run);
    }
  }

  private RepoSecurity mine(String id) throws IOException {
    SecurityCrossCheck check = new SecurityCrossCheck();
    Set<String> compared = new HashSet<>();
    try (Repository repository = ctx.clones().open(id)) {
      RepositoryHistory history = RepositoryHistory.of(repository);
      try (Stream<Commit> commits = history.commits()) {
        for (Commit c : (Iterable<Commit>) commits.filter(c -> MineFormats.isModelCommit(c, params.until()))::iterator) {
          List<TreeItem> fresh = new ArrayList<>();
          for (TreeItem item : c.tree()) {
            if (item.isFile() && ModelFiles.isModelFile(item.path(), ModelFiles.Scope.STUDY)
                && compared.add(history.blob(item.objectId()).contentKey())) {
              fresh.add(item);
            }
          }
          if (fresh.isEmpty()) {
            continue;
          }
          Map<String, TreeEntry> listed = listing(id, c.hash());
          for (TreeItem item : fresh) {
            MineFormats.BlobFormat ours = blobs.of(id, c.hash(), item, history);
            if (ours.pickle() == null) {
              run.count("security_contents_unreadable");
              continue;
            }
            Optional<SecurityFileStatus> hub = Optional.ofNullable(listed.get(item.path())).flatMap(TreeEntry::security);
            check.compare(id, c.hash(), item.path(), ours.pickle(), hub);
          }
        }
      }
    }
    AtomicFiles.writeString(ctx.layout().part(STEP, group, id), check.csvRows());
    return new RepoSecurity(id, check.summary());
  }

  /**
   * The files of the Hub's tree at {@code revision} by path (the order of a listing is not
   * guaranteed), empty when the Hub no longer has the revision or the repository.
   */
  private Map<String, TreeEntry> listing(String id, String revision) throws IOException {
    run.count("security_tree_listings");
    Map<String, TreeEntry> byPath = new HashMap<>();
    try {
      for (TreeEntry e : ctx.hub().tree(id, revision, true)) {
        if (e.isFile()) {
          byPath.put(e.path(), e);
        }
      }
    } catch (HubException e) {
      if (!e.repositoryUnavailable() && e.reason() != HubException.Reason.ENTRY_NOT_FOUND) {
        throw e;
      }
      run.count("security_tree_listings_unavailable");
    }
    return byPath;
  }

  /**
   * Writes the side file (the parts of the finished repositories, in the selection's order) and
   * the report of their summaries, and counts the disagreements by kind. Shards and their merge
   * write through here alike.
   */
  static void write(MiningContext ctx, Group group, List<String> ids, Map<String, RepoSecurity> finished, MiningRun run) {
    Map<String, Long> rows = new TreeMap<>();
    SecurityCrossCheck.Summary total = SecurityCrossCheck.Summary.EMPTY;
    for (String id : ids) {
      RepoSecurity r = finished.get(id);
      if (r != null) {
        rows.put(id, r.summary().files());
        total = total.plus(r.summary());
      }
    }
    PerRepository.writeTable(ctx, STEP, group, SecurityCrossCheck.HEADER, ids, rows, ctx.layout().security(group), run,
        "security_rows");
    AtomicFiles.writeString(ctx.layout().securityReport(group),
        total.markdown("Pickle verdicts beside the Hub's, " + group.fileSuffix() + " repositories"));
    run.wrote(ctx.layout().securityReport(group));
    run.add("security_files_with_hub_verdict", total.judged());
    run.add("security_disagreements", total.disagreeing());
    total.kinds().forEach((kind, n) -> run.add("security_disagreements_" + slug(kind), n));
  }

  /** A kind as a count name: {@code ours dangerous, Hub safe} becomes {@code ours_dangerous_hub_safe}. */
  static String slug(String kind) {
    return kind.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }
}
