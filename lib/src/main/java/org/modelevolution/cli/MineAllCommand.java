package org.modelevolution.cli;

import picocli.CommandLine.Command;

/** {@code mine-hub all}: Run the whole mining pipeline, resuming where it stopped. */
@Command(name = "all", mixinStandardHelpOptions = true, description = "Run the whole mining pipeline, resuming where it stopped.")
final class MineAllCommand extends MineStepCommand {
  @Override
  String step() {
    return "all";
  }
}
