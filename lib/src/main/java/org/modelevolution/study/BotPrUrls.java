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
