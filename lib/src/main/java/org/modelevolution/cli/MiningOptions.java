package org.modelevolution.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.modelevolution.mining.MiningParameters;
import picocli.CommandLine.Option;

/**
 * The options the Hugging Face mining subcommands ({@code mine-hub} and its steps) share. The
 * post-mining commands have their own {@link PostMiningOptions}: another default output folder.
 */
final class MiningOptions {
  @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "results/mined")
  Path out;

  @Option(names = "--dry-run", description = "Show what would be done; make no request and write nothing.")
  boolean dryRun;

  @Option(names = "--since", description = "Keep repositories last modified on or after this day (default: 2024-01-01).")
  LocalDate since;

  @Option(names = "--until", description = "Cut-off day (exclusive) for creation and commits (default: 2025-01-01).")
  LocalDate until;

  @Option(names = "--seed", description = "Sampling seed (default: 42).")
  Long seed;

  @Option(names = "--per-group", description = "Repositories per group; 0 balances recent to legacy (default).")
  Integer perGroup;

  @Option(names = "--max-pages", description = "Stop listing models after this many pages; 0 = all (default).")
  Integer maxPages;

  @Option(names = "--page-size", description = "Models per listing page (default: 1000).")
  Integer pageSize;

  @Option(names = "--size-limit", description = "Largest repository in bytes; 0 = no limit (default).")
  Long sizeLimit;

  @Option(names = "--clone-url", description = "Git URL template of a repository, {id} = its id (default: the Hub's).")
  String cloneUrl;

  MiningParameters parameters() {
    MiningParameters p = MiningParameters.study();
    MiningParameters defaults = p;
    p = new MiningParameters(
        since != null ? since : defaults.lastModifiedSince(),
        until != null ? until.atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : defaults.until(),
        defaults.legacyBefore(),
        sizeLimit != null ? sizeLimit : defaults.sizeLimitBytes(),
        seed != null ? seed : defaults.seed(),
        perGroup != null ? perGroup : defaults.perGroup(),
        maxPages != null ? maxPages : defaults.maxPages(),
        pageSize != null ? pageSize : defaults.pageSize());
    return p;
  }

  Optional<String> cloneUrlTemplate() {
    return Optional.ofNullable(cloneUrl);
  }

}
