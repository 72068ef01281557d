package org.modelevolution.cli;

import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.http.Endpoint;
import org.modelevolution.mining.MineGitHubPullRequests;
import org.modelevolution.mining.MiningClients;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mines closed GitHub pull requests about safetensors, with their comments. */
@Command(name = "mine-github", mixinStandardHelpOptions = true,
    description = "Mine closed GitHub PRs matching safetensor OR \"safe tensor\" OR safetensors (bots excluded), "
        + "with comments, into a post table, over the study's creation windows (created:<2020-01-01 .. "
        + "created:>2024-09-01). Uses GITHUB_API_URL and GITHUB_TOKEN.")
final class MineGitHubCommand implements Callable<Integer> {
  @Mixin MiningOptions options;

  @Option(names = "--since", description = "First creation day, inclusive (default: none, the study's "
      + "first window created:<2020-01-01 is open).")
  Optional<LocalDate> since = Optional.empty();

  @Option(names = "--until", description = "Last creation day, inclusive (default: none, the study's "
      + "last window created:>2024-09-01 is open).")
  Optional<LocalDate> until = Optional.empty();

  @Override
  public Integer call() {
    options.checkDays(since, until);
    MiningClients clients = MiningClients.fromEnvironment(System.getenv());
    Endpoint endpoint = clients.githubEndpoint();
    MineGitHubPullRequests miner = new MineGitHubPullRequests(clients.github(), endpoint, since, until, Clock.systemUTC());
    return options.runPosts(PERCEPTION_CACHE.get(), miner::plan, miner::mine, "GitHub PRs", () -> {
      if (endpoint.token().isEmpty()) {
        System.err.println("warning: GITHUB_TOKEN is not set; anonymous search allows 10 requests per minute "
            + "and 60 core requests per hour, so this run will be slow.");
      }
    });
  }

  /** Where the post miners write unless {@code --out} says otherwise. */
  static final java.util.function.Supplier<java.nio.file.Path> PERCEPTION_CACHE =
      () -> ProjectLayout.discover().downloads().resolve("perception");
}
