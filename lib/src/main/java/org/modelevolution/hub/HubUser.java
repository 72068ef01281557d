package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The author of a discussion or an event, as far as the Hub tells it.
 *
 * @param name the user name (login), e.g. {@code SFconvertbot}
 * @param fullname the display name, may be empty
 * @param type {@code user} or {@code org}
 */
public record HubUser(String name, String fullname, String type) {
  /** The name the official client shows for an author whose account was deleted. */
  public static final String DELETED = "deleted";

  /** The author object of {@code parent}, or empty when the key is absent (a deleted account). */
  static Optional<HubUser> authorOf(JsonNode parent) {
    JsonNode author = parent.path("author");
    if (!author.isObject() || !author.hasNonNull("name")) {
      return Optional.empty();
    }
    return Optional.of(new HubUser(
        author.get("name").asText(), author.path("fullname").asText(""), author.path("type").asText("")));
  }

  /** The author's name, or {@value #DELETED} when there is none. */
  static String nameOf(Optional<HubUser> author) {
    return author.map(HubUser::name).orElse(DELETED);
  }
}
