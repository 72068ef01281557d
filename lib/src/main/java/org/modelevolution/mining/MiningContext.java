package org.modelevolution.mining;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import org.modelevolution.history.BareClones;
import org.modelevolution.hub.HubClient;
import org.modelevolution.progress.Progress;

/**
 * What the mining steps work with: the Hub client, the output layout (and the shard it mines), the
 * clone cache, the format sniffer and the discussion source, the counter of Hub requests per
 * rate-limit bucket, how progress is shown, a hook called after every finished unit of work
 * (tests use it to kill the run at chosen points), and the clock of run manifests. Built by
 * {@link MiningClients#context}.
 */
public record MiningContext(
    HubClient hub,
    MiningLayout layout,
    BareClones clones,
    FormatSniffer sniffer,
    DiscussionSource discussions,
    RequestBuckets requests,
    ProgressFactory progress,
    UnitHook hook,
    Clock clock) {

  public MiningContext {
    Objects.requireNonNull(hub);
    Objects.requireNonNull(layout);
    Objects.requireNonNull(clones);
    Objects.requireNonNull(sniffer);
    Objects.requireNonNull(discussions);
    Objects.requireNonNull(requests);
    Objects.requireNonNull(progress);
    Objects.requireNonNull(hook);
    Objects.requireNonNull(clock);
  }

  /** Starts progress reporting of a task. */
  @FunctionalInterface
  public interface ProgressFactory {
    Progress start(String task, long total);

    ProgressFactory CONSOLE = Progress::start;
    ProgressFactory SILENT = (task, total) -> Progress.silent();
  }

  /**
   * Called after each unit of work is durably recorded, with the name of the checkpoint that
   * holds it (e.g. {@code select-pages}, {@code history-legacy}, {@code formats-blobs}) and its key.
   */
  @FunctionalInterface
  public interface UnitHook {
    void unitDone(String checkpoint, String key);

    UnitHook NONE = (step, key) -> {};
  }

  /**
   * The context of a real run: the Hub configured by {@code HF_ENDPOINT} / {@code HF_TOKEN} in
   * {@code env}, the standard retry policy, clones from the Hub's git URLs (or from
   * {@code cloneUrlTemplate}, with {@code {id}} for the repository id), progress on the console.
   */
  public static MiningContext fromEnvironment(Path outDir, Map<String, String> env,
      Optional<String> cloneUrlTemplate) {
    return MiningClients.fromEnvironment(env).context(new MiningLayout(outDir), cloneUrlTemplate);
  }

  public MiningContext withHook(UnitHook newHook) {
    return new MiningContext(hub, layout, clones, sniffer, discussions, requests, progress, newHook, clock);
  }

  public MiningContext withProgress(ProgressFactory newProgress) {
    return new MiningContext(hub, layout, clones, sniffer, discussions, requests, newProgress, hook, clock);
  }

  public MiningContext withClock(Clock newClock) {
    return new MiningContext(hub, layout, clones, sniffer, discussions, requests, progress, hook, newClock);
  }

  /** The same context mining only the repositories of {@code shard}, into the shard's own files. */
  public MiningContext withShard(Shard shard) {
    return new MiningContext(hub, layout.forShard(shard), clones, sniffer, discussions, requests, progress, hook, clock);
  }
}
