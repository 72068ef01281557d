package org.modelevolution.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of {@code java -jar lib/target/safetensors-study.jar}.
 *
 * <p>Each subcommand lives in its own class next to this one and only wires library calls
 * to the command line; the work itself happens in the feature packages.
 *
 * <p>Exit codes shared by all subcommands: 0 success, 1 the command ran but reported
 * failures (for example undetectable inputs or failed units of work) or could not run (a file
 * it cannot write, a malformed input, an unreachable service), 2 usage error. Every failure is
 * one or two lines on standard error: the command, what failed and which file, option or
 * variable, and what to do; the stack trace only with {@code --verbose}.
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
      ReproduceCommand.class,
      MineHubCommand.class,
      BenchDetectCommand.class,
      MineGitHubCommand.class,
      MineStackOverflowCommand.class,
      MineDiscussionsCommand.class,
    })
public final class Main {
  @Option(names = "--verbose", scope = ScopeType.INHERIT,
      description = "On a failure, print the stack trace as well (for a bug report).")
  boolean verbose;

  public static void main(String[] args) {
    useBuiltInXmlFactories();
    System.exit(commandLine().execute(args));
  }

  /**
   * Names the JDK's own XML parser and transformer factories as the ones to use, unless the caller
   * chose others. VectorGraphics2D's own SVG writer, which {@code charts.ChartFiles} falls back to for a
   * drawing its encoder does not reproduce, asks JAXP for both factories once per figure, and
   * without these properties each request scans every jar of the class path for a
   * {@code META-INF/services} provider; none of the CLI's jars has one, so the factories found are
   * the JDK's either way and the files written are the same.
   */
  static void useBuiltInXmlFactories() {
    setIfAbsent("javax.xml.parsers.DocumentBuilderFactory",
        javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().getClass().getName());
    setIfAbsent("javax.xml.transform.TransformerFactory",
        javax.xml.transform.TransformerFactory.newDefaultInstance().getClass().getName());
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(Main::usageError)
        .setExecutionExceptionHandler(Main::failure);
  }

  /** A usage error: the message and where the help is, exit 2. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(qualifiedName(command) + ": " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** A failure while running: one line naming what failed, the stack trace only with --verbose; exit 1. */
  private static int failure(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println(qualifiedName(command) + ": " + Failures.describe(e));
    if (verbose(parsed)) {
      e.printStackTrace(err);
    } else if (!Failures.expected(e)) {
      err.println("This looks like a bug; rerun with --verbose for the stack trace and report it.");
    }
    err.flush();
    return 1;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** The command's name below the program's, e.g. {@code mine-hub select}. */
  private static String qualifiedName(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName(" ");
    int space = name.indexOf(' ');
    return space < 0 ? name : name.substring(space + 1);
  }
}
