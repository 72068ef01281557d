package org.modelevolution.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.modelevolution.mining.MiningClients;
import org.modelevolution.mining.MiningContext;
import org.modelevolution.mining.MiningCost;
import org.modelevolution.mining.MiningLayout;
import org.modelevolution.mining.MiningParameters;
import org.modelevolution.mining.MiningPipeline;
import org.modelevolution.mining.StepResult;
import org.modelevolution.study.Group;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs one step of the Hub pipeline (or all of them) with the shared {@link MiningOptions} and
 * the selection's parameters; prints each step's result and what its requests would cost at the
 * scale of the whole Hub; exit 1 when units failed.
 */
abstract class MineStepCommand implements Callable<Integer> {
  static final Path DEFAULT_OUT = Path.of("results/mined");

  @Mixin
  MiningOptions options;

  @Option(names = "--since", description = "Keep repositories last modified on or after this day (default: 2024-01-01).")
  LocalDate since;

  @Option(names = "--until", description = "Cut-off day (exclusive) for creation and commits (default: 2025-01-01).")
  LocalDate until;

  @Option(names = "--seed", description = "Sampling seed (default: 42).")
  Long seed;

  @Option(names = "--per-group", converter = Numbers.NonNegative.class, description = "Repositories per group; 0 balances recent to legacy (default).")
  Integer perGroup;

  @Option(names = "--max-pages", converter = Numbers.NonNegative.class, description = "Stop listing models after this many pages; 0 = all (default).")
  Integer maxPages;

  @Option(names = "--page-size", converter = Numbers.Positive.class, description = "Models per listing page (default: 1000).")
  Integer pageSize;

  @Option(names = "--size-limit", converter = Numbers.NonNegativeLong.class, description = "Largest repository in bytes; 0 = no limit (default).")
  Long sizeLimit;

  @Option(names = "--clone-url", description = "Git URL template of a repository, {id} = its id (default: the Hub's).")
  String cloneUrl;

  /** The step's name, or {@code all}. */
  abstract String step();

  MiningParameters parameters() {
    MiningParameters defaults = MiningParameters.study();
    return new MiningParameters(
        since != null ? since : defaults.lastModifiedSince(),
        until != null ? until.atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : defaults.until(),
        defaults.legacyBefore(),
        sizeLimit != null ? sizeLimit : defaults.sizeLimitBytes(),
        seed != null ? seed : defaults.seed(),
        perGroup != null ? perGroup : defaults.perGroup(),
        maxPages != null ? maxPages : defaults.maxPages(),
        pageSize != null ? pageSize : defaults.pageSize(),
        security());
  }

  /**
   * Whether to cross-check our pickle verdicts with the Hub's ({@code --security}); only the
   * commands that run the formats step, or merge its tables, offer the option.
   */
  boolean security() {
    return false;
  }

  MiningContext context() {
    return MiningClients.fromEnvironment(System.getenv())
        .context(new MiningLayout(options.outDir(DEFAULT_OUT), options.shard()), Optional.ofNullable(cloneUrl));
  }

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try {
      options.shard();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    MiningParameters parameters = parameters();
    if (!parameters.lastModifiedSince().atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
        .isBefore(parameters.until())) {
      throw new ParameterException(spec.commandLine(), "--since " + parameters.lastModifiedSince()
          + " is not before --until " + parameters.until().atZone(java.time.ZoneOffset.UTC).toLocalDate()
          + "; give a --since before --until");
    }
    if (!options.shard().isAll() && !MiningPipeline.SHARDED.contains(step()) && !step().equals("all")) {
      System.err.println(step() + " runs unsharded; with --shard (or in a job array) run "
          + MiningPipeline.SHARDED + ", then merge");
      return 2;
    }
    MiningContext context = context();
    MiningPipeline pipeline = new MiningPipeline(context, parameters);
    if (options.dryRun) {
      System.out.print(pipeline.dryRun(step()));
      return 0;
    }
    List<StepResult> results = run(pipeline);
    results.forEach(System.out::println);
    System.out.print(MiningCost.of(results).describe());
    if (security()) {
      printSecurityReports(context.layout());
    }
    return results.stream().anyMatch(StepResult::hasFailures) ? 1 : 0;
  }

  /** The disagreement reports the formats step (or the merge) wrote, for the console. */
  private static void printSecurityReports(MiningLayout layout) {
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      Path report = layout.securityReport(group);
      if (Files.isRegularFile(report)) {
        try {
          System.out.print(Files.readString(report));
        } catch (IOException e) {
          System.err.println("cannot read " + report + ": " + e.getMessage());
        }
      }
    }
  }

  List<StepResult> run(MiningPipeline pipeline) {
    return step().equals("all") ? pipeline.runAll() : pipeline.run(step());
  }
}
