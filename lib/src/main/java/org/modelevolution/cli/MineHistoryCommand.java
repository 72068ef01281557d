package org.modelevolution.cli;

import picocli.CommandLine.Command;

/** {@code mine-hub history}: Mine the commit histories (selected_{group}_commits.csv). */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Mine the commit histories (selected_{group}_commits.csv).")
final class MineHistoryCommand extends MineStepCommand {
  @Override
  String step() {
    return "history";
  }
}
