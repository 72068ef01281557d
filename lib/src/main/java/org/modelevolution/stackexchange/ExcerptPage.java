package org.modelevolution.stackexchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalInt;

/**
 * One page of {@code /search/excerpts} (api-reference 3.1) inside the common wrapper (3.0).
 *
 * @param items {@code search_excerpt} items as received, HTML-encoded (treat as read-only)
 * @param hasMore whether another page follows
 * @param quotaRemaining requests left today for this IP and key
 * @param backoff seconds to wait before calling the same method again, when the server asked
 */
public record ExcerptPage(List<JsonNode> items, boolean hasMore, int quotaRemaining, OptionalInt backoff) {
  public ExcerptPage {
    items = List.copyOf(items);
  }
}
