package org.modelevolution.study;

import java.nio.charset.StandardCharsets;
import org.modelevolution.hub.StoredDiscussionPage;

/**
 * One row of {@code sfconvertbot_pr_metadata.csv} as the study's crawler wrote it, before any
 * filtering, seen while the table streams. The two page blocks ({@code discussion_metadata} and
 * {@code header_metadata}, most of the 234 MB table) are bytes in the reader's buffer, quotes
 * still doubled, mostly read already in the pass that split the record; a row is valid only during
 * the call that receives it. Fields pandas would read as NaN are missing (see
 * {@link PandasMissing}): null for the text fields.
 */
final class BotPrRow {
  /** The page blocks' columns in {@link BotPullRequests#COLUMNS}. */
  static final int DISCUSSION = 1;
  static final int HEADER = 2;

  private final CsvColumns.Record record;
  private final StoredDiscussionPage.CsvFieldReader discussionReader;
  private final StoredDiscussionPage.CsvFieldReader headerReader;
  private final String prUrl;
  private final String modelId;
  private final int modelNumber;
  private final String time;
  private final boolean discussionMissing;
  private final boolean headerMissing;

  /**
   * The row in {@code record}, whose columns are {@link BotPullRequests#COLUMNS} in that order, and
   * whose page blocks the two readers read where the record says so.
   */
  BotPrRow(CsvColumns.Record record, ModelIds modelIds, StoredDiscussionPage.CsvFieldReader discussionReader,
      StoredDiscussionPage.CsvFieldReader headerReader) {
    this.record = record;
    this.discussionReader = discussionReader;
    this.headerReader = headerReader;
    this.prUrl = text(record, 0);
    String model = text(record, 3);
    this.modelNumber = model == null ? -1 : modelIds.number(model);
    this.modelId = model == null ? null : modelIds.id(modelNumber); // a model has several PRs: one string
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

  /** The model's number in {@link ModelIds}, -1 without a model id. */
  int modelNumber() {
    return modelNumber;
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

  /** The line of the file the row starts on. */
  long line() {
    return record.line();
  }

  /** The {@code discussion_metadata} block's page. */
  StoredDiscussionPage discussionPage() throws BotPrPageParser.MalformedPageException {
    return page(DISCUSSION, discussionReader);
  }

  /** The {@code header_metadata} block's page. */
  StoredDiscussionPage headerPage() throws BotPrPageParser.MalformedPageException {
    return page(HEADER, headerReader);
  }

  /**
   * A page block's page: as its reader read it in the record's pass, or else read now from the
   * block's bytes (by the same lean reader where it can vouch for the page, else by Jackson, which
   * decides what is malformed).
   */
  private StoredDiscussionPage page(int column, StoredDiscussionPage.CsvFieldReader reader)
      throws BotPrPageParser.MalformedPageException {
    if (record.read(column)) {
      return reader.page();
    }
    return BotPrPageParser.page(record.bytes(), record.start(column), record.end(column) - record.start(column),
        record.escaped(column));
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

  /** Each model id once, numbered in the order of first appearance (a model has several PRs). */
  static final class ModelIds {
    private final java.util.Map<String, Integer> numbers = new java.util.HashMap<>();
    private final java.util.List<String> ids = new java.util.ArrayList<>();

    int number(String id) {
      Integer known = numbers.get(id);
      if (known != null) {
        return known;
      }
      numbers.put(id, ids.size());
      ids.add(id);
      return ids.size() - 1;
    }

    String id(int number) {
      return ids.get(number);
    }
  }
}
