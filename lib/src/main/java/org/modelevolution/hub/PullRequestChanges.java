package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The {@code changes} object of a Hub pull request.
 *
 * @param base the target ref, e.g. {@code refs/heads/main}
 * @param mergeCommitId present once merged
 * @param headCommitId the PR's head commit, kept after the PR ref is deleted
 * @param refDeleted whether the PR ref was deleted
 */
public record PullRequestChanges(
    String base, Optional<String> mergeCommitId, Optional<String> headCommitId, boolean refDeleted) {

  static Optional<PullRequestChanges> of(JsonNode node) {
    if (!node.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new PullRequestChanges(
        node.path("base").asText(""),
        DiscussionJson.optionalText(node, "mergeCommitId"),
        DiscussionJson.optionalText(node, "headCommitId"),
        node.path("refDeleted").asBoolean(false)));
  }
}
