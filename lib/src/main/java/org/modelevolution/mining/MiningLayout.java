package org.modelevolution.mining;

import java.nio.file.Path;
import org.modelevolution.study.BotPullRequests;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyFiles;

/**
 * Where the pipeline keeps its files below one output folder: the study-schema tables at the top,
 * checkpoints and per-unit parts under {@code work/}, clones under {@code work/clones/}, run
 * manifests under {@code manifests/}. The study-schema tables carry the study's own file names
 * ({@link StudyFiles}), so that the analysis reads a mining output folder like the study's data.
 * (Where the project and its shared inputs are is {@link org.modelevolution.environment.ProjectLayout}'s job.)
 */
public record MiningLayout(Path root, Shard shard) {

  public MiningLayout(Path root) {
    this(root, Shard.ALL);
  }

  /** The same output folder, seen by one shard of a sharded run. */
  public MiningLayout forShard(Shard newShard) {
    return new MiningLayout(root, newShard);
  }

  /**
   * The folder of this shard's own files (checkpoints, tables of its repositories, manifests):
   * the root when unsharded, {@code shards/<i>-of-<n>/} otherwise. Inputs (the selection), the
   * per-repository parts and the clones stay shared: shards never touch the same repository.
   */
  public Path own() {
    return shard.isAll() ? root : root.resolve("shards").resolve(shard.folderName());
  }

  /** The folder of another shard's own files (for the merge). */
  public Path ownOf(Shard other) {
    return forShard(other).own();
  }

  public Path selectedRepos(Group group) {
    return root.resolve(StudyFiles.reposJson(group));
  }

  public Path selectedCommits(Group group) {
    return own().resolve(StudyFiles.commitsCsv(group));
  }

  public Path evolution(Group group) {
    return own().resolve(StudyFiles.evolutionCsv(group));
  }

  /**
   * The formats step's side file with {@code --security}: our pickle verdict beside the Hub's, one
   * row per distinct model-file content of each repository ({@link FormatsSecurity}). Not a study
   * file, so named in the project's own style.
   */
  public Path security(Group group) {
    return own().resolve("formats_security_" + group.fileSuffix() + ".csv");
  }

  /** The disagreements of {@link #security}, counted by kind and listed. */
  public Path securityReport(Group group) {
    return own().resolve("formats_security_" + group.fileSuffix() + ".md");
  }

  public Path botPrMetadata() {
    return root.resolve(BotPullRequests.CSV_NAME);
  }

  public Path botPrStatus() {
    return root.resolve("sfconvertbot_pr_status.csv");
  }

  public Path work() {
    return root.resolve("work");
  }

  public Path journal(String name) {
    return own().resolve("work").resolve(name + ".journal");
  }

  public Path part(String step, Group group, String repoId) {
    return work().resolve(step).resolve(group.fileSuffix()).resolve(repoId.replace('/', '~') + ".csv");
  }

  public Path clones() {
    return work().resolve("clones");
  }

  public Path manifest(String step) {
    return own().resolve("manifests").resolve(step + ".json");
  }
}
