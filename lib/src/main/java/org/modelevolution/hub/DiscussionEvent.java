package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One event of a discussion's timeline (api-reference 1.9). Comments, commits, status and title
 * changes have their own types; every other event type, including ones the Hub adds later, is kept
 * as {@link Other} with its raw {@code data} rather than rejected.
 */
public sealed interface DiscussionEvent {

  /** The event's hex id. */
  String id();

  /** The wire type, e.g. {@code comment}, {@code status-change}. */
  String type();

  Instant createdAt();

  /** Empty when the author deleted the account. */
  Optional<HubUser> author();

  /** The author's name, or {@code deleted}. */
  default String authorName() {
    return HubUser.nameOf(author());
  }

  /**
   * A comment. A hidden comment stays in the timeline with {@code hidden = true}; its text may be
   * replaced or empty.
   *
   * @param raw the comment's latest Markdown text
   * @param html the latest rendered HTML
   * @param hiddenBy who hid it, when hidden
   */
  record Comment(
      String id,
      Instant createdAt,
      Optional<HubUser> author,
      String raw,
      String html,
      boolean edited,
      boolean hidden,
      Optional<String> hiddenBy,
      Optional<String> hiddenReason,
      int numEdits,
      List<Reaction> reactions) implements DiscussionEvent {
    public Comment {
      reactions = List.copyOf(reactions);
    }

    @Override
    public String type() {
      return "comment";
    }
  }

  /** One reaction on a comment: the emoji, how many users gave it and who. */
  record Reaction(String reaction, int count, List<String> users) {
    public Reaction {
      users = List.copyOf(users);
    }
  }

  /** A commit pushed to a pull request. */
  record Commit(String id, Instant createdAt, Optional<HubUser> author, String subject, String oid)
      implements DiscussionEvent {
    @Override
    public String type() {
      return "commit";
    }
  }

  /** A change of status: {@code open}, {@code closed}, {@code merged}, {@code draft}. */
  record StatusChange(String id, Instant createdAt, Optional<HubUser> author, String status, Optional<String> reason)
      implements DiscussionEvent {
    @Override
    public String type() {
      return "status-change";
    }
  }

  /** A change of title. */
  record TitleChange(String id, Instant createdAt, Optional<HubUser> author, String from, String to)
      implements DiscussionEvent {
    @Override
    public String type() {
      return "title-change";
    }
  }

  /** Any other event type, with its {@code data} object as JSON text. */
  record Other(String id, String type, Instant createdAt, Optional<HubUser> author, String data)
      implements DiscussionEvent {}

  static DiscussionEvent fromJson(JsonNode node) {
    String id = node.path("id").asText("");
    String type = node.path("type").asText("");
    Instant createdAt = DiscussionJson.instant(node, "createdAt");
    Optional<HubUser> author = HubUser.authorOf(node);
    JsonNode data = node.path("data");
    return switch (type) {
      case "comment" -> new Comment(
          id, createdAt, author,
          data.path("latest").path("raw").asText(""),
          data.path("latest").path("html").asText(""),
          data.path("edited").asBoolean(false),
          data.path("hidden").asBoolean(false),
          DiscussionJson.optionalText(data, "hiddenBy"),
          DiscussionJson.optionalText(data, "hiddenReason"),
          data.path("numEdits").asInt(0),
          reactions(data.path("reactions")));
      case "commit" -> new Commit(id, createdAt, author, data.path("subject").asText(""), data.path("oid").asText(""));
      case "status-change" -> new StatusChange(
          id, createdAt, author, data.path("status").asText(""), DiscussionJson.optionalText(data, "reason"));
      case "title-change" -> new TitleChange(
          id, createdAt, author, data.path("from").asText(""), data.path("to").asText(""));
      default -> new Other(id, type, createdAt, author, data.isMissingNode() ? "{}" : data.toString());
    };
  }

  private static List<Reaction> reactions(JsonNode array) {
    List<Reaction> reactions = new ArrayList<>();
    for (JsonNode r : array) {
      List<String> users = new ArrayList<>();
      r.path("users").forEach(u -> users.add(u.asText()));
      reactions.add(new Reaction(r.path("reaction").asText(""), r.path("count").asInt(users.size()), users));
    }
    return reactions;
  }
}
