package org.modelevolution.perception;

import java.util.List;

/**
 * A post of the coding database (Django model {@code model_evolution.Post}) with its codes.
 *
 * @param source where it comes from, e.g. {@code StackOverflow}
 * @param content the source item as JSON text (empty when read from the committed cache, which keeps no text)
 * @param key the item's {@link PostKey}, which ties it to the post it was drawn from
 * @param isTruePositive the coder's relevance verdict; null while not yet judged
 * @param comments the coder's free-text notes
 * @param conceptIds the codes assigned to the post, ascending
 */
public record CodedPost(long id, String source, String content, String key, Boolean isTruePositive,
    String comments, List<Long> conceptIds) {
  public CodedPost {
    comments = comments == null ? "" : comments;
    conceptIds = conceptIds.stream().sorted().toList();
  }

  /** A post whose key is that of its content. */
  public CodedPost(long id, String source, String content, Boolean isTruePositive, String comments,
      List<Long> conceptIds) {
    this(id, source, content, PostKey.ofJson(content), isTruePositive, comments, conceptIds);
  }

  /** The same post with another verdict, notes and codes. */
  public CodedPost withCoding(Boolean truePositive, String newComments, List<Long> newConceptIds) {
    return new CodedPost(id, source, content, key, truePositive, newComments, newConceptIds);
  }
}
