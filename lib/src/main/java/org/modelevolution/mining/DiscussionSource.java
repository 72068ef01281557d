package org.modelevolution.mining;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/**
 * The details of one Hub discussion or pull request with its events, as the JSON of
 * {@code GET /api/models/{repo_id}/discussions/{num}} (api-reference.md 1.9). The seam to
 * {@code hub.DiscussionsClient}: the bot PR step only reads that JSON.
 */
@FunctionalInterface
public interface DiscussionSource {

  /** @throws org.modelevolution.hub.HubException when the Hub refuses (404, 401, ...) */
  JsonNode details(String repoId, int num) throws IOException;

  /**
   * The numbers of a model repository's pull requests opened by {@code author}, from the
   * discussion list (api-reference.md 1.8, confirmed); none when the source cannot list.
   */
  default List<Integer> pullRequestsBy(String repoId, String author) throws IOException {
    return List.of();
  }
}
