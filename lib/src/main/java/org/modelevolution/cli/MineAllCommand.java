package org.modelevolution.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mine-hub all}: Run the whole mining pipeline, resuming where it stopped. */
@Command(name = "all", mixinStandardHelpOptions = true, description = "Run the whole mining pipeline, resuming where it stopped.")
final class MineAllCommand extends MineStepCommand {
  @Mixin
  SecurityOption security;

  @Override
  boolean security() {
    return security.on;
  }

  @Override
  String step() {
    return "all";
  }
}
