package org.modelevolution.mining;

import java.io.IOException;
import java.util.Optional;
import org.modelevolution.history.RepositoryHistory;
import org.modelevolution.history.TreeItem;
import org.modelevolution.hub.HubException;
import org.modelevolution.mining.MineFormats.BlobFormat;

/**
 * The format of each distinct content (LFS SHA-256, or git blob id), sniffed once across commits,
 * repositories and both groups and kept in the formats step's shared checkpoint
 * ({@code formats-blobs}).
 *
 * <p>With {@code --security} each entry also keeps our pickle scan of the content, made by the
 * detector from the bytes the sniff read anyway, so the cross-check costs no read of its own. An
 * entry journalled without a scan (by a run without {@code --security}, or before the scan was
 * journalled at all) is sniffed once more when a run with {@code --security} needs it, and
 * recorded again: the journal keeps a key's last value. Without {@code --security} entries are
 * recorded exactly as before (no scan field), so their bytes do not change.
 */
final class BlobFormats {
  private final MiningContext ctx;
  private final MiningRun.Checkpoint<BlobFormat> blobs;
  private final MiningRun run;
  private final boolean security;

  BlobFormats(MiningContext ctx, MiningRun.Checkpoint<BlobFormat> blobs, MiningRun run, boolean security) {
    this.ctx = ctx;
    this.blobs = blobs;
    this.run = run;
    this.security = security;
  }

  /** The format (and with {@code --security} our scan) of the content of {@code item} at {@code commit}. */
  BlobFormat of(String id, String commit, TreeItem item, RepositoryHistory history) throws IOException {
    RepositoryHistory.BlobInfo blob = history.blob(item.objectId());
    String key = blob.contentKey();
    Optional<BlobFormat> known = blobs.get(key);
    if (known.isPresent() && !(security && known.get().lacksScan())) {
      run.count("blob_lookups_cached");
      return known.get();
    }
    if (known.isPresent()) {
      run.count("blobs_sniffed_again_for_their_pickle_scan");
    }
    BlobFormat result;
    try {
      FormatSniffer.SniffResult sniffed = ctx.sniffer().sniff(
          new FormatSniffer.SniffRequest(id, commit, item.path(), key, blob.contentSize()));
      result = new BlobFormat(sniffed.format(), blob.contentSize(), sniffed.requests(), sniffed.bytesTransferred(), null,
          sniffed.contentRequests(), sniffed.zip(), security ? sniffed.pickle() : null);
    } catch (HubException e) {
      if (!e.repositoryUnavailable() && e.reason() != HubException.Reason.ENTRY_NOT_FOUND
          && e.reason() != HubException.Reason.RANGE_NOT_SATISFIABLE) {
        throw e;
      }
      // The content cannot be read (gated since, removed, empty): the study's label for unknown.
      result = new BlobFormat("undetermined", blob.contentSize(), 0, 0, e.reason().name(), 0, false, null);
    }
    blobs.record(key, result);
    run.count("blobs_sniffed");
    return result;
  }
}
