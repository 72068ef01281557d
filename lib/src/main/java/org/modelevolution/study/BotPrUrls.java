package org.modelevolution.study;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the partial crawls of SFConvertBot's activity feed ({@code discussion_urls.csv},
 * {@code sfconvertbot_activity.csv}): one {@code pr_url} per row, with the comment anchor.
 */
public final class BotPrUrls {
  private BotPrUrls() {}

  /** The URLs in file order. */
  public static List<String> read(Path file) {
    return CsvRecords.readAll(file).stream().map(r -> r.get("pr_url")).filter(u -> u != null && !u.isEmpty()).toList();
  }

  /** The cache's rows of a crawl: model id, discussion number and anchor of each URL (see {@link StudyCache}). */
  static List<List<String>> derive(Path file) {
    return read(file).stream().map(BotPrUrls::split).toList();
  }

  /** Reads a crawl's cache table back into its URLs. */
  static List<String> readCache(Path file) {
    return CsvColumns.readAll(file, List.of("model_id", "discussion", "anchor")).stream()
        .map(v -> url(v[0], v[1], v[2])).toList();
  }

  /** The PR URL of a model's discussion, with {@code #anchor} unless it is empty. */
  static String url(String modelId, String discussion, String anchor) {
    return PREFIX + modelId + DISCUSSIONS + discussion + (anchor.isEmpty() ? "" : "#" + anchor);
  }

  /**
   * Splits {@code https://huggingface.co/<model id>/discussions/<n>[#anchor]} into model id, number
   * and anchor.
   *
   * @throws StudyDataException when the URL has another shape (the cache would not give it back)
   */
  static List<String> split(String url) {
    int discussions = url.indexOf(DISCUSSIONS);
    if (url.startsWith(PREFIX) && discussions > PREFIX.length()) {
      String modelId = url.substring(PREFIX.length(), discussions);
      String rest = url.substring(discussions + DISCUSSIONS.length());
      int hash = rest.indexOf('#');
      String number = hash < 0 ? rest : rest.substring(0, hash);
      String anchor = hash < 0 ? "" : rest.substring(hash + 1);
      if (number.matches("[0-9]+") && url(modelId, number, anchor).equals(url)) {
        return List.of(modelId, number, anchor);
      }
    }
    throw new StudyDataException("not a Hugging Face discussion URL: " + url);
  }

  private static final String PREFIX = "https://huggingface.co/";
  private static final String DISCUSSIONS = "/discussions/";

  /** The URL without its {@code #anchor}: the PR page itself. */
  public static String withoutAnchor(String url) {
    int hash = url.indexOf('#');
    return hash < 0 ? url : url.substring(0, hash);
  }

  /** The model id of a PR URL {@code https://huggingface.co/<id>/discussions/<n>}, or the URL when it has another shape. */
  public static String modelId(String url) {
    String page = withoutAnchor(url);
    String prefix = "https://huggingface.co/";
    int discussions = page.indexOf("/discussions/");
    return page.startsWith(prefix) && discussions > prefix.length() ? page.substring(prefix.length(), discussions) : page;
  }
}
