package org.modelevolution.cli;

import org.modelevolution.mining.MineStackOverflowPosts;
import org.modelevolution.mining.MiningClients;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mines Stack Overflow questions and answers about safetensors. */
@Command(name = "mine-stackoverflow", mixinStandardHelpOptions = true,
    description = "Mine Stack Overflow posts (/search/excerpts) for the study's queries into the study's table "
        + "(one row per question) and a table of every matching post. "
        + "Uses STACKEXCHANGE_API_URL and, when set, the application key STACKEXCHANGE_KEY.")
final class MineStackOverflowCommand implements Callable<Integer> {
  @Mixin MiningOptions options;

  @Option(names = "--query", paramLabel = "TEXT",
      description = "A search query; repeat for several, in order (default: the study's safetensor, "
          + "\"safe tensor\", safetensors).")
  List<String> queries;

  @Option(names = "--since", description = "First creation day, inclusive (default: none, every post, as the study).")
  Optional<LocalDate> since = Optional.empty();

  @Option(names = "--until", description = "Last creation day, inclusive (default: none, every post, as the study).")
  Optional<LocalDate> until = Optional.empty();

  @Override
  public Integer call() {
    options.checkDays(since, until);
    MiningClients clients = MiningClients.fromEnvironment(System.getenv());
    MineStackOverflowPosts miner = new MineStackOverflowPosts(clients.stackExchange(), clients.stackExchangeEndpoint(),
        queries == null || queries.isEmpty() ? MineStackOverflowPosts.QUERIES : queries, since, until, Clock.systemUTC());
    return options.runPosts(MineGitHubCommand.PERCEPTION_CACHE.get(), miner::plan, miner::mine, "Stack Overflow searches",
        () -> {
          if (clients.stackExchangeKey().isEmpty()) {
            System.err.println("note: " + MiningClients.STACK_EXCHANGE_KEY
                + " is not set; the daily quota is 300 requests per IP.");
          }
        });
  }
}
