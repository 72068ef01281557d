package org.modelevolution.mining;

import java.nio.file.Path;
import org.modelevolution.study.Group;

/**
 * Where the pipeline keeps its files below one output folder: the study-schema tables at the top,
 * checkpoints and per-unit parts under {@code work/}, clones under {@code work/clones/}, run
 * manifests under {@code manifests/}.
 */
public record MiningLayout(Path root) {

  public Path selectedRepos(Group group) {
    return root.resolve("selected_" + group.fileSuffix() + "_repos.json");
  }

  public Path selectedCommits(Group group) {
    return root.resolve("selected_" + group.fileSuffix() + "_commits.csv");
  }

  public Path evolution(Group group) {
    return root.resolve("repositories_evolution_" + group.fileSuffix() + "_commits_processed.csv");
  }

  public Path botPrMetadata() {
    return root.resolve("sfconvertbot_pr_metadata.csv");
  }

  public Path botPrStatus() {
    return root.resolve("sfconvertbot_pr_status.csv");
  }

  public Path work() {
    return root.resolve("work");
  }

  public Path journal(String name) {
    return work().resolve(name + ".journal");
  }

  public Path part(String step, Group group, String repoId) {
    return work().resolve(step).resolve(group.fileSuffix()).resolve(repoId.replace('/', '~') + ".csv");
  }

  public Path clones() {
    return work().resolve("clones");
  }

  public Path manifest(String step) {
    return root.resolve("manifests").resolve(step + ".json");
  }
}
