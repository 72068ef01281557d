package org.modelevolution.study;

import java.nio.charset.StandardCharsets;
import org.modelevolution.hub.StoredDiscussionPage;

/**
 * One row of {@code sfconvertbot_pr_metadata.csv} as the study's crawler wrote it, before any
 * filtering, seen while the table streams. The two page blocks ({@code discussion_metadata} and
 * {@code header_metadata}, most of the 234 MB table) stay bytes in the reader's buffer, quotes
 * still doubled, and are parsed from there, so a row is valid only during the call that receives it. Fields pandas would
 * read as NaN are missing (see {@link PandasMissing}): null for the text fields.
 */
final class BotPrRow {
  private static final int DISCUSSION = 1;
  private static final int HEADER = 2;

  private final CsvColumns.Record record;
  private final String prUrl;
  private final String modelId;
  private final String time;
  private final boolean discussionMissing;
  private final boolean headerMissing;

  /** The row in {@code record}, whose columns are {@link BotPullRequests#COLUMNS} in that order. */
  BotPrRow(CsvColumns.Record record) {
    this.record = record;
    this.prUrl = text(record, 0);
    this.modelId = text(record, 3);
    this.time = text(record, 4);
    this.discussionMissing = missing(record, DISCUSSION);
    this.headerMissing = missing(record, HEADER);
  }

  /** {@code https://huggingface.co/<model id>/discussions/<num>}, or null. */
  String prUrl() {
    return prUrl;
  }

  /** The model repository id, null for pages that could not be fetched. */
  String modelId() {
    return modelId;
  }

  /** The discussion's {@code createdAt}, {@code YYYY-MM-DDTHH:MM:SS.000Z}, or null. */
  String time() {
    return time;
  }

  /** True when pandas' {@code dropna()} keeps the row: no field is missing. */
  boolean isComplete() {
    return prUrl != null && !discussionMissing && !headerMissing && modelId != null && time != null;
  }

  /** The study's "valid JSON" test: the discussion metadata starts with an opening brace. */
  boolean hasJsonMetadata() {
    return !discussionMissing && record.end(DISCUSSION) > record.start(DISCUSSION)
        && record.bytes()[record.start(DISCUSSION)] == '{';
  }

  /** True for PRs opened on the converter Space itself, which the study leaves out. */
  boolean isOnConverterSpace() {
    return prUrl != null && prUrl.contains("/spaces/safetensors/convert/discussions");
  }

  /** The page's {@code DiscussionEvents} block, parsed. */
  BotDiscussion discussion() throws BotPrPageParser.MalformedPageException {
    return BotPrPageParser.parseDiscussion(page(DISCUSSION));
  }

  /** The page's {@code DiscussionHeader} block, parsed. */
  BotPrHeader header() throws BotPrPageParser.MalformedPageException {
    return BotPrPageParser.parseHeader(page(HEADER));
  }

  private StoredDiscussionPage page(int column) throws BotPrPageParser.MalformedPageException {
    try {
      // read where it lies, quotes still doubled: no pass to undo them
      return StoredDiscussionPage.parse(record.bytes(), record.start(column), record.end(column) - record.start(column),
          record.escaped(column));
    } catch (StoredDiscussionPage.MalformedPageException e) {
      throw new BotPrPageParser.MalformedPageException(e.getMessage(), e);
    }
  }

  private static String text(CsvColumns.Record record, int column) {
    String value = record.string(column);
    return PandasMissing.isMissing(value) ? null : value;
  }

  /** Whether a page block is missing; only short fields can be, so a page of JSON is never decoded for it. */
  private static boolean missing(CsvColumns.Record record, int column) {
    int length = record.end(column) - record.start(column);
    return length <= PandasMissing.LONGEST && PandasMissing.isMissing(
        new String(record.bytes(), record.start(column), length, StandardCharsets.UTF_8).replace("\"\"", "\""));
  }
}
