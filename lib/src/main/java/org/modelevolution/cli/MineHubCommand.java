package org.modelevolution.cli;

import picocli.CommandLine.Command;

/**
 * {@code mine-hub}: the Hugging Face mining pipeline, step by step or whole. Every step resumes from
 * its checkpoints; {@code --dry-run} shows what a step would do.
 */
@Command(name = "mine-hub", mixinStandardHelpOptions = true,
    description = "Mine the Hugging Face Hub into the study's input tables (HF_ENDPOINT, HF_TOKEN).",
    subcommands = {MineSelectCommand.class, MineHistoryCommand.class, MineFormatsCommand.class,
        MineBotPrsCommand.class, MineAllCommand.class, MineMergeCommand.class})
final class MineHubCommand {}
