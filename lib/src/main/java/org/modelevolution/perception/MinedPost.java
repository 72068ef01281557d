package org.modelevolution.perception;

import java.util.Objects;

/**
 * One row of a post table: the layout the study's relevance ranking read from every source
 * ({@code title,source,url,json_content}), so mined and imported data are consumed alike.
 *
 * @param title the post's title as plain text (HTML entities decoded)
 * @param source where the post comes from: {@value #STACK_OVERFLOW}, {@value #GITHUB} or
 *     {@value #HUGGING_FACE}
 * @param url the post's web address
 * @param jsonContent the post as the API returned it (plus any documented derived fields), as
 *     compact JSON text
 */
public record MinedPost(String title, String source, String url, String jsonContent) {
  public static final String STACK_OVERFLOW = "Stack Overflow";
  public static final String GITHUB = "GitHub";
  public static final String HUGGING_FACE = "Hugging Face";

  public MinedPost {
    Objects.requireNonNull(title);
    Objects.requireNonNull(source);
    Objects.requireNonNull(url);
    Objects.requireNonNull(jsonContent);
  }
}
