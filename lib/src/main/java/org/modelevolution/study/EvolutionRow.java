package org.modelevolution.study;

import java.time.LocalDateTime;

/**
 * One row of the 2024 iteration's format table ({@code fixed3_repository_evolution_commits_0_5014.csv}):
 * a model file changed by a commit that touches model files, with its detected format. That table
 * kept no change status. (The final iteration's tables stream into a {@link FormatHistory}
 * instead: they are hundreds of times larger.)
 *
 * @param repo repository id
 * @param commit commit hash
 * @param modelFilePath {@code repo + "/" + path}
 * @param format detected serialization format
 * @param date commit time
 * @param byConverter whether the commit message contains the converter's text
 */
public record EvolutionRow(
    String repo,
    String commit,
    String modelFilePath,
    String format,
    LocalDateTime date,
    boolean byConverter) {}
