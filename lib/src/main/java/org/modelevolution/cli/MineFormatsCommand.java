package org.modelevolution.cli;

import picocli.CommandLine.Command;

/** {@code mine-hub formats}: Tell the format of every model file at every model commit (repositories_evolution_{group}_commits_processed.csv). */
@Command(name = "formats", mixinStandardHelpOptions = true, description = "Tell the format of every model file at every model commit (repositories_evolution_{group}_commits_processed.csv).")
final class MineFormatsCommand extends MineStepCommand {
  @Override
  String step() {
    return "formats";
  }
}
