package org.modelevolution.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelevolution.study.Group;

/**
 * The whole mining pipeline and its steps by name: {@code select}, {@code history},
 * {@code formats}, {@code bot-prs}. Every step resumes from its checkpoints, so running the
 * pipeline again after a crash or a rate-limit stop finishes the work without repeating or
 * losing any unit; a finished pipeline run again changes nothing.
 *
 * <pre>{@code
 * MiningPipeline pipeline = new MiningPipeline(context, MiningParameters.study());
 * List<StepResult> results = pipeline.runAll();
 * }</pre>
 */
public final class MiningPipeline {
  /** The steps in the order they depend on each other. */
  public static final List<String> STEPS = List.of(SelectRepositories.STEP, MineHistory.STEP, MineFormats.STEP,
      MineBotPullRequests.STEP);

  private final MiningContext ctx;
  private final MiningParameters params;

  public MiningPipeline(MiningContext ctx, MiningParameters params) {
    this.ctx = ctx;
    this.params = params;
  }

  /** The steps a shard runs. */
  public static final List<String> SHARDED = List.of(MineHistory.STEP, MineFormats.STEP);

  /** Runs every step, or every sharded step in a sharded context. */
  public List<StepResult> runAll() {
    List<StepResult> results = new ArrayList<>();
    for (String step : ctx.layout().shard().isAll() ? STEPS : SHARDED) {
      List<StepResult> stepResults = run(step);
      results.addAll(stepResults);
      if (step.equals(SelectRepositories.STEP) && stepResults.stream().anyMatch(StepResult::hasFailures)) {
        break; // later steps need the complete selection
      }
    }
    return results;
  }

  /**
   * Runs one step (for both groups where the step is per group). A sharded context runs only the
   * per-repository steps ({@code history}, {@code formats}); the selection and the bot PRs need
   * every repository and run unsharded, before and after the shards' {@link #merge}.
   */
  public List<StepResult> run(String step) {
    if (!ctx.layout().shard().isAll() && !SHARDED.contains(step)) {
      throw new IllegalArgumentException(step + " runs unsharded; with --shard run " + SHARDED + ", then merge");
    }
    return switch (step) {
      case SelectRepositories.STEP -> List.of(new SelectRepositories(ctx, params).run());
      case MineHistory.STEP -> List.of(new MineHistory(ctx, params, Group.LEGACY).run(),
          new MineHistory(ctx, params, Group.RECENT).run());
      case MineFormats.STEP -> List.of(new MineFormats(ctx, params, Group.LEGACY).run(),
          new MineFormats(ctx, params, Group.RECENT).run());
      case MineBotPullRequests.STEP -> List.of(new MineBotPullRequests(ctx).run());
      default -> throw new IllegalArgumentException("unknown step " + step + "; steps are " + STEPS);
    };
  }

  /** Assembles the history and formats tables of shards {@code 0..shards-1} (see {@link MergeShards}). */
  public List<StepResult> merge(int shards) {
    return new MergeShards(ctx, params, shards).run();
  }

  /**
   * What running {@code step} would do, without any request or write: the endpoint, the
   * parameters, and per checkpoint how many units are already done.
   */
  public String dryRun(String step) {
    List<String> steps = step.equals("all") ? STEPS : step.equals(MergeShards.STEP) ? SHARDED : List.of(step);
    StringBuilder out = new StringBuilder();
    out.append("dry run: no request is made and nothing is written\n");
    out.append("endpoint: ").append(ctx.hub().endpoint().describe()).append('\n');
    out.append("output: ").append(ctx.layout().root()).append('\n');
    if (!ctx.layout().shard().isAll()) {
      out.append("shard: ").append(ctx.layout().shard()).append(" (own files in ").append(ctx.layout().own())
          .append(")\n");
    }
    Map<String, String> parameters = new TreeMap<>(params.asMap());
    if (params.security()) {
      parameters.put("security", "true (formats)");
    }
    parameters.forEach((k, v) -> out.append("  ").append(k).append(" = ").append(v).append('\n'));
    for (String s : steps) {
      out.append("step ").append(s).append(":\n");
      for (String journal : journals(s, params.security())) {
        out.append("  checkpoint ").append(journal).append(": ").append(doneUnits(journal)).append(" units done\n");
      }
      for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
        Path input = ctx.layout().selectedRepos(group);
        if (!s.equals(SelectRepositories.STEP) && !s.equals(MineBotPullRequests.STEP)) {
          out.append("  ").append(group.fileSuffix()).append(": ")
              .append(Files.isRegularFile(input) ? SelectedRepos.ids(input).size() + " repositories selected"
                  : "no selection yet (run select first)").append('\n');
        }
      }
    }
    return out.toString();
  }

  private static List<String> journals(String step, boolean security) {
    return switch (step) {
      case SelectRepositories.STEP -> List.of("select-pages", "select-details");
      case MineHistory.STEP -> List.of("history-legacy", "history-recent");
      case MineFormats.STEP -> security
          ? List.of("formats-legacy", "formats-recent", "formats-blobs", FormatsSecurity.STEP + "-legacy",
              FormatsSecurity.STEP + "-recent")
          : List.of("formats-legacy", "formats-recent", "formats-blobs");
      case MineBotPullRequests.STEP -> List.of("bot-feed", "bot-prs");
      default -> throw new IllegalArgumentException("unknown step " + step + "; steps are " + STEPS);
    };
  }

  private int doneUnits(String journal) {
    Path file = ctx.layout().journal(journal);
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    // Counting complete lines reads the checkpoint without opening (and so without repairing) it.
    try (var lines = Files.lines(file)) {
      return (int) lines.filter(l -> l.endsWith("}")).count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

}
