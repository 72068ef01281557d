package org.modelevolution.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.modelevolution.mining.MiningContext;
import org.modelevolution.mining.MiningPipeline;
import org.modelevolution.mining.StepResult;
import picocli.CommandLine.Mixin;

/** Runs one mining step (or all of them) with the shared options; exit 1 when units failed. */
abstract class MineStepCommand implements Callable<Integer> {
  @Mixin
  MiningOptions options;

  /** The step's name, or {@code all}. */
  abstract String step();

  @Override
  public Integer call() {
    MiningContext context = MiningContext.fromEnvironment(options.out, System.getenv(),
        options.cloneUrlTemplate());
    MiningPipeline pipeline = new MiningPipeline(context, options.parameters());
    if (options.dryRun) {
      System.out.print(pipeline.dryRun(step()));
      return 0;
    }
    List<StepResult> results = step().equals("all") ? pipeline.runAll() : pipeline.run(step());
    results.forEach(System.out::println);
    return results.stream().anyMatch(StepResult::hasFailures) ? 1 : 0;
  }
}
