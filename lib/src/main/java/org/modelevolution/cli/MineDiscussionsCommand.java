package org.modelevolution.cli;

import org.modelevolution.hub.HubRepo;
import org.modelevolution.mining.MineSpaceDiscussions;
import org.modelevolution.mining.MiningClients;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Mines the discussions of the conversion Space. */
@Command(name = "mine-discussions", mixinStandardHelpOptions = true,
    description = "Mine the discussions (open and closed, with events) of the conversion Space into a post table. "
        + "Uses HF_ENDPOINT and HF_TOKEN.")
final class MineDiscussionsCommand implements Callable<Integer> {
  @Mixin MiningOptions options;

  @Option(names = "--repo", description = "The repository, in web form (default: ${DEFAULT-VALUE}).",
      defaultValue = "spaces/safetensors/convert")
  String repo;

  @Override
  public Integer call() {
    MiningClients clients = MiningClients.fromEnvironment(System.getenv());
    MineSpaceDiscussions step = new MineSpaceDiscussions(clients.hubDiscussions(), clients.hubEndpoint(),
        HubRepo.parse(repo), Clock.systemUTC());
    return options.runPosts(MineGitHubCommand.PERCEPTION_CACHE.get(), step::plan, step::mine, "Hub discussions", () -> {});
  }
}
