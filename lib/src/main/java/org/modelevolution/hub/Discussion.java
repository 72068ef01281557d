package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a repository's discussion list (api-reference 1.8): a discussion or a pull request,
 * without its events.
 *
 * @param num the discussion number within the repository
 * @param author empty when the author deleted the account
 * @param repoId the repository the discussion belongs to
 * @param status {@code draft}, {@code open}, {@code closed} or {@code merged}, kept verbatim
 */
public record Discussion(
    int num,
    String title,
    String status,
    boolean pullRequest,
    Instant createdAt,
    Optional<HubUser> author,
    String repoId,
    int numComments,
    boolean pinned) {

  /** The author's name, or {@code deleted}. */
  public String authorName() {
    return HubUser.nameOf(author);
  }

  static Discussion fromJson(JsonNode node) {
    return new Discussion(
        DiscussionJson.requiredInt(node, "num"),
        node.path("title").asText(""),
        node.path("status").asText(""),
        node.path("isPullRequest").asBoolean(false),
        DiscussionJson.instant(node, "createdAt"),
        HubUser.authorOf(node),
        node.path("repo").path("name").asText(""),
        node.path("numComments").asInt(0),
        node.path("pinned").asBoolean(false));
  }
}
