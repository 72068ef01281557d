/**
 * Every miner of the project, on one run framework. The Hugging Face pipeline produces the study's
 * inputs in the study's own schemas: {@link org.modelevolution.mining.SelectRepositories}
 * (selected repositories), {@link org.modelevolution.mining.MineHistory} (commit histories),
 * {@link org.modelevolution.mining.MineFormats} (format of every model file at every model
 * commit) and {@link org.modelevolution.mining.MineBotPullRequests} (the conversion bot's PRs),
 * run one by one or together by {@link org.modelevolution.mining.MiningPipeline}, sharded with
 * {@link org.modelevolution.mining.Shard} and merged by {@link org.modelevolution.mining.MergeShards}.
 * The perception miners ({@link org.modelevolution.mining.MineGitHubPullRequests},
 * {@link org.modelevolution.mining.MineStackOverflowPosts},
 * {@link org.modelevolution.mining.MineSpaceDiscussions}) write post tables. All get their
 * clients from {@link org.modelevolution.mining.MiningClients}, which counts the Hub's requests by
 * rate-limit bucket ({@link org.modelevolution.mining.RequestBuckets}, {@link org.modelevolution.mining.MiningCost}).
 *
 * <p>Delivery: every step checkpoints each finished unit in a {@link org.modelevolution.io.Journal}
 * (one forced append per unit) and assembles its sorted tables from the checkpoint with atomic
 * writes, so each unit is recorded exactly once whatever the crashes; its requests are made at
 * least once (a kill between a unit's last request and its journal line repeats that unit only,
 * e.g. one more ranged read of one blob), and a recorded unit is never requested again.
 */
package org.modelevolution.mining;
