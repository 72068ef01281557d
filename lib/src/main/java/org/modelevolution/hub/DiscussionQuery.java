package org.modelevolution.hub;

import java.util.Objects;
import java.util.Optional;

/**
 * Filters of a discussion list request (api-reference 1.8). The Hub's status filter only knows
 * {@code open}, {@code closed} and {@code all}; {@code merged} and {@code draft} must be checked on
 * each {@link Discussion#status()}.
 *
 * @param author a user name, e.g. {@code SFconvertbot}
 * @param search free text
 */
public record DiscussionQuery(Type type, Status status, Optional<String> author, Optional<String> search) {

  /** Which entries: everything, plain discussions or pull requests. */
  public enum Type {
    ALL("all"), DISCUSSION("discussion"), PULL_REQUEST("pull_request");

    final String wire;

    Type(String wire) {
      this.wire = wire;
    }
  }

  /** The Hub's status filter. */
  public enum Status {
    ALL("all"), OPEN("open"), CLOSED("closed");

    final String wire;

    Status(String wire) {
      this.wire = wire;
    }
  }

  public DiscussionQuery {
    Objects.requireNonNull(type);
    Objects.requireNonNull(status);
    Objects.requireNonNull(author);
    Objects.requireNonNull(search);
  }

  /** Every discussion and pull request, open and closed. */
  public static DiscussionQuery all() {
    return new DiscussionQuery(Type.ALL, Status.ALL, Optional.empty(), Optional.empty());
  }

  public DiscussionQuery withType(Type newType) {
    return new DiscussionQuery(newType, status, author, search);
  }

  public DiscussionQuery withStatus(Status newStatus) {
    return new DiscussionQuery(type, newStatus, author, search);
  }

  public DiscussionQuery byAuthor(String name) {
    return new DiscussionQuery(type, status, Optional.of(name), search);
  }

  public DiscussionQuery matching(String text) {
    return new DiscussionQuery(type, status, author, Optional.of(text));
  }
}
