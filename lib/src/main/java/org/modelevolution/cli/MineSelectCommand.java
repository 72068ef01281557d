package org.modelevolution.cli;

import picocli.CommandLine.Command;

/** {@code mine-hub select}: Select the repositories of both groups (selected_{group}_repos.json). */
@Command(name = "select", mixinStandardHelpOptions = true, description = "Select the repositories of both groups (selected_{group}_repos.json).")
final class MineSelectCommand extends MineStepCommand {
  @Override
  String step() {
    return "select";
  }
}
