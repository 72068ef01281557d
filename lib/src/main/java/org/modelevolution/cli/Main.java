package org.modelevolution.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code java -jar lib/target/safetensors-study.jar}.
 *
 * <p>Each subcommand lives in its own class next to this one and only wires library calls
 * to the command line; the work itself happens in the feature packages.
 *
 * <p>Exit codes shared by all subcommands: 0 success, 1 the command ran but reported
 * failures (for example undetectable inputs or failed units of work), 2 usage error.
 */
@Command(
    name = "safetensors-study",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Mining, format detection and analyses of the safetensors usage study.",
    subcommands = {
      CommandLine.HelpCommand.class,
      EnvironmentCommand.class,
      DetectCommand.class,
      BenchDetectCommand.class,
      MineGitHubCommand.class,
      MineStackOverflowCommand.class,
      MineDiscussionsCommand.class,
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
