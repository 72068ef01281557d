package org.modelevolution.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.stackexchange.StackExchangeClient;
import org.modelevolution.stackexchange.StackOverflowMiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mines Stack Overflow questions and answers about safetensors. */
@Command(name = "mine-stackoverflow", mixinStandardHelpOptions = true,
    description = "Mine Stack Overflow posts (/search/excerpts) for the study's queries into a post table. "
        + "Uses STACKEXCHANGE_API_URL and, when set, the application key STACKEXCHANGE_KEY.")
final class MineStackOverflowCommand implements Callable<Integer> {
  /** The optional application key; raises the daily quota from 300 to 10,000 requests. */
  static final String KEY_VARIABLE = "STACKEXCHANGE_KEY";

  @Mixin PostMiningOptions options;

  @Option(names = "--query", paramLabel = "TEXT",
      description = "A search query; repeat for several (default: safetensors, \"safe tensors\", safetensor).")
  List<String> queries;

  @Option(names = "--since", description = "First creation day, inclusive (default: ${DEFAULT-VALUE}).",
      defaultValue = "2008-07-31")
  LocalDate since;

  @Option(names = "--until", description = "Last creation day, inclusive (default: ${DEFAULT-VALUE}).",
      defaultValue = "2024-12-31")
  LocalDate until;

  @Override
  public Integer call() {
    Endpoint endpoint = Service.STACK_EXCHANGE.endpoint();
    RetryPolicy policy = RetryPolicy.standard();
    Clock clock = Clock.systemUTC();
    Optional<String> key = Optional.ofNullable(System.getenv(KEY_VARIABLE)).filter(k -> !k.isBlank());
    StackExchangeClient client = new StackExchangeClient(HttpClients.create(endpoint, policy, clock), endpoint, key,
        policy, clock);
    StackOverflowMiner miner = new StackOverflowMiner(client, endpoint,
        queries == null || queries.isEmpty() ? StackOverflowMiner.QUERIES : queries, since, until, clock);
    return options.run(miner::plan, miner::mine, "Stack Overflow searches", () -> {
      if (key.isEmpty()) {
        System.err.println("note: " + KEY_VARIABLE + " is not set; the daily quota is 300 requests per IP.");
      }
    });
  }
}
