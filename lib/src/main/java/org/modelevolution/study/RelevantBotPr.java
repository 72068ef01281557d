package org.modelevolution.study;

import java.util.List;

/**
 * One row of {@code sfconvertbot_pr_metadata_filtered.csv}: a conversion PR whose discussion
 * passed the study's relevance filter and went to qualitative coding. Of its title
 * ({@code <PR title> by <opener> (<model id>)}) only the two facts it names are kept.
 *
 * @param index pandas' 0-based row index (the unnamed first column)
 * @param numComments visible non-bot comments
 * @param numAuthors distinct non-bot participants (the opener and the comment authors)
 * @param avgCommentSize mean words per counted comment
 * @param authors the participants ({@code ;}-joined in the file, set order)
 * @param openerFromTitle the opener the title names, or empty if the title has another shape
 * @param modelIdFromTitle the model id the title ends with, or empty
 */
public record RelevantBotPr(
    int index, String source, String url, double numComments, double numAuthors, double avgCommentSize,
    List<String> authors, String openerFromTitle, String modelIdFromTitle) {

  public RelevantBotPr {
    authors = List.copyOf(authors);
  }

  /** The opener named in a title {@code … by <opener> (<model id>)}, or empty if the title has another shape. */
  static String openerOf(String title) {
    int by = title.lastIndexOf(" by ");
    int paren = title.lastIndexOf(" (");
    return by >= 0 && paren > by ? title.substring(by + 4, paren) : "";
  }

  /** The model id named at the end of a title, or empty. */
  static String modelIdOf(String title) {
    int paren = title.lastIndexOf(" (");
    return paren >= 0 && title.endsWith(")") ? title.substring(paren + 2, title.length() - 1) : "";
  }
}
