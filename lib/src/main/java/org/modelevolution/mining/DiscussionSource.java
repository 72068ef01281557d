package org.modelevolution.mining;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The details of one Hub discussion or pull request with its events, as the JSON of
 * {@code GET /api/models/{repo_id}/discussions/{num}} (api-reference.md 1.9). The seam to
 * {@code hub.DiscussionsClient}: the bot PR step only reads that JSON.
 */
@FunctionalInterface
public interface DiscussionSource {

  /** @throws org.modelevolution.hub.HubException when the Hub refuses (404, 401, ...) */
  JsonNode details(String repoId, int num) throws IOException;
}
