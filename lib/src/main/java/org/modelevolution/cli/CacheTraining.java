package org.modelevolution.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run of {@code bin/safetensors-study}'s start-up cache: runs several command lines,
 * separated by {@code --}, one after the other in one JVM, so that one cache covers the classes and
 * method profiles of each (the SYNTHETIC reproduction and, where it is at hand, the study's own data,
 * whose readers and figures differ). Exits with the first non-zero exit code, so that a failed run
 * leaves no cache behind.
 */
public final class CacheTraining {
  private CacheTraining() {}

  public static void main(String[] args) {
    Main.useBuiltInXmlFactories();
    int status = 0;
    for (List<String> command : commands(args)) {
      int code = Main.commandLine().execute(command.toArray(String[]::new));
      if (status == 0) {
        status = code;
      }
    }
    System.exit(status);
  }

  /** The command lines in {@code args}, split at each {@code --}; empty ones are dropped. */
  static List<List<String>> commands(String[] args) {
    List<List<String>> commands = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String arg : Arrays.asList(args)) {
      if (arg.equals("--")) {
        if (!current.isEmpty()) {
          commands.add(current);
        }
        current = new ArrayList<>();
      } else {
        current.add(arg);
      }
    }
    if (!current.isEmpty()) {
      commands.add(current);
    }
    return commands;
  }
}
