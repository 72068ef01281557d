package org.modelevolution.cli;

import java.util.List;
import org.modelevolution.mining.MiningPipeline;
import org.modelevolution.mining.StepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mine-hub merge}: the tables of a sharded history/formats run, as one run writes them. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Merge the history and formats tables of shards 0..n-1 into the output folder, "
        + "byte-identical to an unsharded run.")
final class MineMergeCommand extends MineStepCommand {
  @Option(names = "--shards", paramLabel = "n", required = true, converter = Numbers.Positive.class, description = "The number of shards mined.")
  int shards;

  @Mixin
  SecurityOption security;

  @Override
  boolean security() {
    return security.on;
  }

  @Override
  String step() {
    return "merge";
  }

  @Override
  List<StepResult> run(MiningPipeline pipeline) {
    return pipeline.merge(shards);
  }
}
