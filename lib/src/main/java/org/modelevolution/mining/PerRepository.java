package org.modelevolution.mining;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelevolution.history.BareClones;
import org.modelevolution.http.FatalRequestException;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.progress.Progress;
import org.modelevolution.study.Group;

/**
 * The skeleton the per-repository steps ({@link MineHistory}, {@link MineFormats}) share on the
 * {@link MiningRun} framework: a run named {@code <step>-<group>} over the group's selected
 * repositories, each mined once and recorded in the run's checkpoint of the same name before the
 * next starts, so that a killed run resumes where it stopped. A repository
 * that can no longer be cloned gets an empty part (as in the study, it has no commits); a rate
 * limit stops the loop (every further request would be refused too: rerun later to resume); any
 * other failure is reported and the loop goes on.
 */
final class PerRepository {
  private PerRepository() {}

  /** What a step does with one repository; both methods return the journal entry. */
  interface Unit<T> {
    T mine(String id) throws IOException;

    T unavailable(String id, BareClones.RepositoryUnavailableException e);
  }

  /** Starts the run of {@code step} for {@code group}, the group added to the parameters. */
  static MiningRun start(MiningContext ctx, MiningParameters params, String step, Group group) {
    return start(ctx, params, step, group, Map.of());
  }

  /** The same, with parameters only this step records (e.g. the formats step's {@code security}). */
  static MiningRun start(MiningContext ctx, MiningParameters params, String step, Group group, Map<String, String> own) {
    Map<String, String> parameters = new TreeMap<>(params.asMap());
    parameters.putAll(own);
    parameters.put("group", group.fileSuffix());
    return MiningRun.of(step + "-" + group.fileSuffix(), parameters, ctx);
  }

  /** Reads the group's selected repositories, recording the file as an input of {@code run}. */
  static List<String> selected(MiningContext ctx, Group group, MiningRun run) {
    var input = ctx.layout().selectedRepos(group);
    List<String> ids = SelectedRepos.ids(input);
    run.read(input);
    return ids;
  }

  /** Mines every repository of {@code ids} not yet in {@code journal}; parts are named by {@code step}. */
  static <T> void mineAll(MiningContext ctx, String step, Group group, List<String> ids,
      MiningRun.Checkpoint<T> journal, MiningRun run, Progress progress, Unit<T> unit) {
    mineAll(ctx, step, group, ids, journal, run, progress, "", unit);
  }

  /**
   * The same, its counts ({@code repositories_mined}, ...) named with {@code countPrefix} in front,
   * for a second pass over the repositories within one run.
   */
  static <T> void mineAll(MiningContext ctx, String step, Group group, List<String> ids,
      MiningRun.Checkpoint<T> journal, MiningRun run, Progress progress, String countPrefix, Unit<T> unit) {
    Shard shard = ctx.layout().shard();
    for (String id : ids) {
      progress.step();
      if (!shard.contains(id)) {
        continue; // another shard's
      }
      if (journal.isDone(id)) {
        run.count(countPrefix + "repositories_already_done");
        continue;
      }
      try {
        T entry = unit.mine(id);
        journal.record(id, entry);
        run.count(countPrefix + "repositories_mined");
      } catch (BareClones.RepositoryUnavailableException e) {
        AtomicFiles.writeString(ctx.layout().part(step, group, id), "");
        journal.record(id, unit.unavailable(id, e));
        run.count(countPrefix + "repositories_unavailable");
      } catch (FatalRequestException e) {
        run.error(id, e);
        break;
      } catch (IOException | UncheckedIOException e) {
        run.error(id, e);
      }
    }
  }

  /**
   * Writes a step's table: {@code header}, then the part of every finished repository in the
   * order of {@code ids} (the selection's). {@code rowsOf} holds the finished repositories and
   * their row counts; shards and the merge of shards write through here alike, so a merged table
   * is the bytes an unsharded run writes.
   */
  static void writeTable(MiningContext ctx, String step, Group group, String header, List<String> ids,
      Map<String, Long> rowsOf, Path table, MiningRun run) {
    writeTable(ctx, step, group, header, ids, rowsOf, table, run, "rows");
  }

  /** The same, the rows written counted under {@code rowsCount}. */
  static void writeTable(MiningContext ctx, String step, Group group, String header, List<String> ids,
      Map<String, Long> rowsOf, Path table, MiningRun run, String rowsCount) {
    long[] rows = {0};
    AtomicFiles.write(table, out -> {
      out.write(header.getBytes(StandardCharsets.UTF_8));
      for (String id : ids) {
        Long n = rowsOf.get(id);
        if (n != null) {
          try (var in = Files.newInputStream(ctx.layout().part(step, group, id))) {
            in.transferTo(out);
          }
          rows[0] += n;
        }
      }
    });
    run.add(rowsCount, rows[0]);
    run.wrote(table);
  }
}
