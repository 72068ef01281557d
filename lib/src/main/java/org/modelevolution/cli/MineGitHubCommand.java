package org.modelevolution.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.modelevolution.github.GitHubClient;
import org.modelevolution.github.PullRequestMiner;
import org.modelevolution.github.SearchPacer;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mines closed GitHub pull requests about safetensors, with their comments. */
@Command(name = "mine-github", mixinStandardHelpOptions = true,
    description = "Mine closed GitHub PRs matching safetensor OR \"safe tensor\" OR safetensors (bots excluded), "
        + "with comments, into a post table. Uses GITHUB_API_URL and GITHUB_TOKEN.")
final class MineGitHubCommand implements Callable<Integer> {
  @Mixin PostMiningOptions options;

  @Option(names = "--since", description = "First creation day, inclusive (default: ${DEFAULT-VALUE}).",
      defaultValue = "2022-09-01")
  LocalDate since;

  @Option(names = "--until", description = "Last creation day, inclusive (default: ${DEFAULT-VALUE}).",
      defaultValue = "2024-12-31")
  LocalDate until;

  @Override
  public Integer call() {
    Endpoint endpoint = Service.GITHUB.endpoint();
    RetryPolicy policy = RetryPolicy.standard();
    Clock clock = Clock.systemUTC();
    GitHubClient client = new GitHubClient(HttpClients.create(endpoint, policy, clock), endpoint,
        SearchPacer.recommended(), policy);
    PullRequestMiner miner = new PullRequestMiner(client, endpoint, since, until, clock);
    return options.run(miner::plan, miner::mine, "GitHub PRs", () -> {
      if (endpoint.token().isEmpty()) {
        System.err.println("warning: GITHUB_TOKEN is not set; anonymous search allows 10 requests per minute "
            + "and 60 core requests per hour, so this run will be slow.");
      }
    });
  }
}
