package org.modelevolution.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mine-hub formats}: Tell the format of every model file at every model commit (repositories_evolution_{group}_commits_processed.csv). */
@Command(name = "formats", mixinStandardHelpOptions = true, description = "Tell the format of every model file at every model commit (repositories_evolution_{group}_commits_processed.csv).")
final class MineFormatsCommand extends MineStepCommand {
  @Mixin
  SecurityOption security;

  @Override
  boolean security() {
    return security.on;
  }

  @Override
  String step() {
    return "formats";
  }
}
