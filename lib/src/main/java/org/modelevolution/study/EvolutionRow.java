package org.modelevolution.study;

import java.time.LocalDateTime;

/**
 * One row of {@code repositories_evolution_{group}_commits_processed.csv}: a model file in the
 * tree of a commit that touches model files, with its detected format, joined with its change
 * status from the commit log the way the study joined them.
 *
 * @param repo repository id
 * @param commit commit hash
 * @param modelFilePath {@code repo + "/" + path}
 * @param format detected serialization format
 * @param date commit time
 * @param inCommit whether the file is among the files the commit changed (the study's rule)
 * @param changeStatus {@code +}, {@code *}, {@code -}, {@code =}, {@code >} for changed files, empty otherwise
 * @param byConverter whether the commit message contains the converter's text
 */
public record EvolutionRow(
    String repo,
    String commit,
    String modelFilePath,
    String format,
    LocalDateTime date,
    boolean inCommit,
    String changeStatus,
    boolean byConverter) {

  public boolean addsSafetensors() {
    return "safetensors".equals(format) && "+".equals(changeStatus);
  }

  public SafetensorsAddition toAddition() {
    return new SafetensorsAddition(repo, commit, modelFilePath, date, byConverter);
  }
}
