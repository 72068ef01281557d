package org.modelevolution.study;

/**
 * What the analyses need of one row of {@code selected_{group}_commits.csv}; the long
 * {@code changed_files} and {@code all_files_in_tree} fields are reduced while streaming.
 *
 * @param repo repository id
 * @param hash commit hash
 * @param date commit time text as written ({@code YYYY-MM-DD HH:MM:SS})
 * @param touchesModel an entry of {@code changed_files} has a model-file suffix (any status)
 * @param modelInTree the tree after the commit holds at least one model file
 * @param pytorchBinInTree the tree after the commit holds {@code pytorch_model.bin} at its root
 */
public record CommitSummary(
    String repo,
    String hash,
    String date,
    boolean touchesModel,
    boolean modelInTree,
    boolean pytorchBinInTree) {}
