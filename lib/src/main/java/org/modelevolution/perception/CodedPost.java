package org.modelevolution.perception;

import java.util.List;

/**
 * A post of the coding database (Django model {@code model_evolution.Post}) with its codes.
 *
 * @param source where it comes from, e.g. {@code StackOverflow}
 * @param content the source item as JSON text
 * @param isTruePositive the coder's relevance verdict; null while not yet judged
 * @param comments the coder's free-text notes
 * @param conceptIds the codes assigned to the post, ascending
 */
public record CodedPost(long id, String source, String content, Boolean isTruePositive, String comments,
    List<Long> conceptIds) {
  public CodedPost {
    comments = comments == null ? "" : comments;
    conceptIds = conceptIds.stream().sorted().toList();
  }

  /** The same post with another verdict, notes and codes. */
  public CodedPost withCoding(Boolean truePositive, String newComments, List<Long> newConceptIds) {
    return new CodedPost(id, source, content, truePositive, newComments, newConceptIds);
  }
}
