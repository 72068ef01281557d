package org.modelevolution.study;

/**
 * One row of {@code sfconvertbot_pr_metadata.csv} as written by the study's crawler, before any
 * filtering. Fields pandas would read as NaN are null (see {@link PandasMissing}).
 *
 * @param prUrl {@code https://huggingface.co/<model id>/discussions/<num>}
 * @param discussionMetadata the page's {@code DiscussionEvents} JSON, an {@code HTTP Error …} text, or null
 * @param headerMetadata the page's {@code DiscussionHeader} JSON, an {@code HTTP Error …} text, or null
 * @param modelId the model repository id, null for pages that could not be fetched
 * @param time the discussion's {@code createdAt}, {@code YYYY-MM-DDTHH:MM:SS.000Z}, or null
 */
public record BotPrRow(String prUrl, String discussionMetadata, String headerMetadata, String modelId, String time) {

  /** True when pandas' {@code dropna()} keeps the row: no field is missing. */
  public boolean isComplete() {
    return prUrl != null && discussionMetadata != null && headerMetadata != null && modelId != null && time != null;
  }

  /** The study's "valid JSON" test: the discussion metadata starts with an opening brace. */
  public boolean hasJsonMetadata() {
    return discussionMetadata != null && discussionMetadata.startsWith("{");
  }

  /** True for PRs opened on the converter Space itself, which the study leaves out. */
  public boolean isOnConverterSpace() {
    return prUrl != null && prUrl.contains("/spaces/safetensors/convert/discussions");
  }
}
