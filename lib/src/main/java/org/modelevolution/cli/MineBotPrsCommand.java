package org.modelevolution.cli;

import picocli.CommandLine.Command;

/** {@code mine-hub bot-prs}: Collect the SFConvertBot pull requests and their outcome (sfconvertbot_pr_metadata.csv). */
@Command(name = "bot-prs", mixinStandardHelpOptions = true, description = "Collect the SFConvertBot pull requests and their outcome (sfconvertbot_pr_metadata.csv).")
final class MineBotPrsCommand extends MineStepCommand {
  @Override
  String step() {
    return "bot-prs";
  }
}
