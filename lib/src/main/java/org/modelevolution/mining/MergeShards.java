package org.modelevolution.mining;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.modelevolution.io.Journal;
import org.modelevolution.study.Group;

/**
 * Assembles the tables of a sharded run ({@code --shard i/n} for every {@code i}) into the output
 * folder, byte for byte what one unsharded run writes: each shard's checkpoint says which
 * repositories it finished and with how many rows, the parts of those repositories are shared,
 * and the tables are written in the selection's order by the same code as an unsharded run's.
 * A repository no shard finished, or finished by two, fails the merge and is named.
 */
public final class MergeShards {
  public static final String STEP = "merge";

  private final MiningContext ctx;
  private final MiningParameters params;
  private final int count;

  public MergeShards(MiningContext ctx, MiningParameters params, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a merge needs the number of shards, at least 1");
    }
    this.ctx = ctx;
    this.params = params;
    this.count = count;
  }

  public List<StepResult> run() {
    return List.of(run(Group.LEGACY), run(Group.RECENT));
  }

  private StepResult run(Group group) {
    Map<String, String> parameters = new TreeMap<>(params.asMap());
    parameters.put("group", group.fileSuffix());
    parameters.put("shards", Integer.toString(count));
    if (params.security()) {
      parameters.put("security", "true");
    }
    MiningRun run = MiningRun.of(STEP + "-" + group.fileSuffix(), parameters, ctx);
    List<String> ids = PerRepository.selected(ctx, group, run);
    Map<String, Long> history = rows(finished(MineHistory.STEP, group, MineHistory.RepoHistory.class, ids, run),
        MineHistory.RepoHistory::commits);
    Map<String, Long> formats = rows(finished(MineFormats.STEP, group, MineFormats.RepoFormats.class, ids, run),
        MineFormats.RepoFormats::rows);
    // With --security the shards' cross-check parts too; without it they are left alone.
    Map<String, FormatsSecurity.RepoSecurity> security = params.security()
        ? finished(FormatsSecurity.STEP, group, FormatsSecurity.RepoSecurity.class, ids, run) : Map.of();
    if (!run.hasFailures()) {
      PerRepository.writeTable(ctx, MineHistory.STEP, group, MineHistory.HEADER, ids, history,
          ctx.layout().selectedCommits(group), run);
      PerRepository.writeTable(ctx, MineFormats.STEP, group, MineFormats.HEADER, ids, formats,
          ctx.layout().evolution(group), run);
      if (params.security()) {
        FormatsSecurity.write(ctx, group, ids, security, run);
      }
    }
    return run.finish();
  }

  private static <T> Map<String, Long> rows(Map<String, T> finished, ToLongFunction<T> rows) {
    Map<String, Long> all = new TreeMap<>();
    finished.forEach((id, entry) -> all.put(id, rows.applyAsLong(entry)));
    return all;
  }

  /** The repositories every shard finished in {@code step}, with their entries; gaps and overlaps are errors. */
  private <T> Map<String, T> finished(String step, Group group, Class<T> type, List<String> ids, MiningRun run) {
    Map<String, T> all = new TreeMap<>();
    Map<String, Shard> by = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      Shard shard = new Shard(i, count);
      Path file = ctx.layout().forShard(shard).journal(step + "-" + group.fileSuffix());
      if (!Files.isRegularFile(file)) {
        run.error("shard " + shard, new IllegalStateException("no checkpoint " + file.getFileName()
            + ": run `" + step + "` with --shard " + shard + " first"));
        continue;
      }
      run.read(file);
      try (Journal<T> journal = Journal.open(file, type)) {
        journal.entries().forEach((id, entry) -> {
          Shard earlier = by.putIfAbsent(id, shard);
          if (earlier != null) {
            run.error(id, new IllegalStateException(step + " finished by shards " + earlier + " and " + shard));
          }
          all.put(id, entry);
        });
      }
    }
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (!all.containsKey(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      run.error(step + "-" + group.fileSuffix(), new IllegalStateException(missing.size()
          + " selected repositories not finished by any shard (rerun their shard): " + String.join(", ", missing)));
    }
    run.add(step + "_repositories", all.size());
    return all;
  }
}
