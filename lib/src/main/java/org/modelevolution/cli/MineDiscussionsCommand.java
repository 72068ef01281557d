package org.modelevolution.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.hub.DiscussionsClient;
import org.modelevolution.hub.HubRepo;
import org.modelevolution.perception.ConversionSpaceDiscussions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mines the discussions of the conversion Space. */
@Command(name = "mine-discussions", mixinStandardHelpOptions = true,
    description = "Mine the discussions (open and closed, with events) of the conversion Space into a post table. "
        + "Uses HF_ENDPOINT and HF_TOKEN.")
final class MineDiscussionsCommand implements Callable<Integer> {
  @Mixin PostMiningOptions options;

  @Option(names = "--repo", description = "The repository, in web form (default: ${DEFAULT-VALUE}).",
      defaultValue = "spaces/safetensors/convert")
  String repo;

  @Override
  public Integer call() {
    Endpoint endpoint = Service.HUGGING_FACE.endpoint();
    Clock clock = Clock.systemUTC();
    DiscussionsClient client = new DiscussionsClient(HttpClients.create(endpoint, RetryPolicy.standard(), clock), endpoint);
    ConversionSpaceDiscussions step = new ConversionSpaceDiscussions(client, endpoint, HubRepo.parse(repo), clock);
    return options.run(step::plan, step::mine, "Hub discussions", () -> {});
  }
}
