package org.modelevolution.cli;

import picocli.CommandLine.Option;

/**
 * {@code --security}, for the commands that run the formats step ({@code mine-hub formats},
 * {@code mine-hub all}) or merge its tables ({@code mine-hub merge}). Off by default, and then
 * nothing of the run changes: no request, no file.
 */
final class SecurityOption {
  @Option(names = "--security", description = "Cross-check our pickle verdict of every model file with the Hub's own "
      + "scan (tree listings with expand=true): write formats_security_{group}.csv and the disagreements by kind, "
      + "formats_security_{group}.md, beside the formats tables (merge: merge the shards' ones).")
  boolean on;
}
