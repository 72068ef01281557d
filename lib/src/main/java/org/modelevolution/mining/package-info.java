/**
 * The Hugging Face mining pipeline that produces the study's inputs in the study's own schemas:
 * {@link org.modelevolution.mining.SelectRepositories} (selected repositories),
 * {@link org.modelevolution.mining.MineHistory} (commit histories),
 * {@link org.modelevolution.mining.MineFormats} (format of every model file at every model
 * commit) and {@link org.modelevolution.mining.MineBotPullRequests} (the conversion bot's PRs),
 * run one by one or together by {@link org.modelevolution.mining.MiningPipeline}. Every step
 * checkpoints each finished unit in a {@link org.modelevolution.io.Journal}, assembles its sorted
 * tables from the checkpoint with atomic writes, and records a run manifest.
 */
package org.modelevolution.mining;
