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
 * rate-limit bucket ({@link org.modelevolution.mining.RequestBuckets}, {@link org.modelevolution.mining.MiningCost});
 * the notebooks see their cached runs through {@link org.modelevolution.mining.DataCollection} and
 * {@link org.modelevolution.mining.CachedRuns}.
 *
 * <p>The run framework is {@code MiningRun} (package-private): every run of every miner, pipeline
 * step or post miner, is one {@code MiningRun}, which owns the run's folder, its checkpoints, its
 * counts and errors, its progress display and its {@link org.modelevolution.io.RunManifest}
 * (parameters, endpoint, counts, errors, files read and written with their SHA-256), written when
 * the run starts and again when it finishes. A pipeline step keeps its manifest under
 * {@code manifests/<step>.json} and its checkpoints under {@code work/} (of its shard's folder when
 * sharded, see {@link org.modelevolution.mining.MiningLayout}) and adds the Hub requests it made
 * per bucket to its counts; a post miner keeps {@code <step>.csv}, {@code <step>.manifest.json}
 * and {@code <step>.journal/<name>.jsonl} in its output folder. Errors are listed sorted, so that
 * two runs that met the same problems have the same list.
 *
 * <p>Delivery: every miner checkpoints each finished unit in a checkpoint of its run (an
 * append-only {@link org.modelevolution.io.Journal}, one forced append per unit) and assembles its
 * sorted tables from the checkpoints with atomic writes, so each unit is recorded exactly once
 * whatever the crashes; its requests are made at least once (a kill between a unit's last request
 * and its journal line repeats that unit only, e.g. one more ranged read of one blob), and a
 * recorded unit is never requested again. A resumed run writes the bytes of an uninterrupted one.
 *
 * <p>Options that change what a step records are parameters ({@link org.modelevolution.mining.MiningParameters}).
 * {@code --security} ({@code mine-hub formats}, {@code all}, {@code merge}) makes the formats step also put our pickle
 * verdict of every model-file content beside the Hub's own {@code securityFileStatus} from tree listings with
 * {@code expand=true}: {@link org.modelevolution.mining.SecurityCrossCheck} rows in
 * {@code formats_security_<group>.csv} and the disagreements by kind in {@code formats_security_<group>.md}, a second
 * pass of the step with its own checkpoint ({@code FormatsSecurity}, package-private). Our verdict is the detector's scan of the
 * bytes the sniff already read, journalled with the blob ({@code BlobFormats}); without the option no listing is made
 * and every file, journal and manifest keeps its bytes.
 *
 * <p>Errors of the Hub, whichever way they were read (JSON API, discussions, the format detector's
 * ranged reads), are classified once, by {@link org.modelevolution.hub.HubErrors}.
 */
package org.modelevolution.mining;
