package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One discussion or pull request with its whole timeline (api-reference 1.9).
 *
 * @param id the Hub's object id ({@code _id})
 * @param repo the repository the discussion belongs to
 * @param author empty when the author deleted the account
 * @param filesWithConflicts pull requests only
 * @param changes pull requests only: target ref, merge and head commits
 * @param diff the raw git diff, only when requested
 * @param json the response body exactly as received, for tables that keep the original record
 */
public record DiscussionDetails(
    String id,
    int num,
    HubRepo repo,
    String title,
    String status,
    boolean pullRequest,
    Instant createdAt,
    Optional<HubUser> author,
    boolean pinned,
    boolean locked,
    List<DiscussionEvent> events,
    Optional<FilesWithConflicts> filesWithConflicts,
    Optional<PullRequestChanges> changes,
    Optional<String> diff,
    String json) {

  public DiscussionDetails {
    events = List.copyOf(events);
  }

  /** The author's name, or {@code deleted}. */
  public String authorName() {
    return HubUser.nameOf(author);
  }

  public List<DiscussionEvent.Comment> comments() {
    return eventsOf(DiscussionEvent.Comment.class).toList();
  }

  /** The opening post: the first comment of the timeline, if any. */
  public Optional<DiscussionEvent.Comment> firstComment() {
    return eventsOf(DiscussionEvent.Comment.class).findFirst();
  }

  public <E extends DiscussionEvent> Stream<E> eventsOf(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast);
  }

  static DiscussionDetails fromJson(HubRepo repo, JsonNode node, String json) {
    List<DiscussionEvent> events = new ArrayList<>();
    node.path("events").forEach(e -> events.add(DiscussionEvent.fromJson(e)));
    return new DiscussionDetails(
        node.path("_id").asText(""),
        DiscussionJson.requiredInt(node, "num"),
        repo,
        node.path("title").asText(""),
        node.path("status").asText(""),
        node.path("isPullRequest").asBoolean(false),
        DiscussionJson.instant(node, "createdAt"),
        HubUser.authorOf(node),
        node.path("pinned").asBoolean(false),
        node.path("locked").asBoolean(false),
        events,
        FilesWithConflicts.of(node.get("filesWithConflicts")),
        PullRequestChanges.of(node.path("changes")),
        DiscussionJson.optionalText(node, "diff"),
        json);
  }
}
