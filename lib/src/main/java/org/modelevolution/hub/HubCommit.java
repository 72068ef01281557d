package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One entry of {@code /api/models/{id}/commits/{revision}} (api-reference.md 1.4). */
public record HubCommit(String id, String title, String message, List<String> authors, Instant date) {

  static HubCommit from(JsonNode node) {
    List<String> authors = new ArrayList<>();
    node.path("authors").forEach(a -> authors.add(a.path("user").asText()));
    return new HubCommit(node.path("id").asText(), node.path("title").asText(""),
        node.path("message").asText(""), List.copyOf(authors),
        HubJson.instant(node, "date"));
  }
}
