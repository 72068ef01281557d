package org.modelevolution.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * One page of {@code GET /search/issues} (api-reference 2.1).
 *
 * @param totalCount GitHub's approximate number of matches for the whole query
 * @param incompleteResults the search timed out on GitHub's side; results may be partial
 * @param items the result items as received (treat as read-only)
 * @param next the {@code rel="next"} link, to be followed verbatim
 */
public record SearchPage(long totalCount, boolean incompleteResults, List<JsonNode> items, Optional<HttpUrl> next) {
  public SearchPage {
    items = List.copyOf(items);
  }
}
