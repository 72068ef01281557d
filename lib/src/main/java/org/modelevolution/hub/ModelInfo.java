package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A model repository as described by {@code /api/models} (list items, only the expanded fields)
 * or {@code /api/models/{id}} (api-reference.md 1.1, 1.2). Absent fields are empty, never guessed.
 *
 * @param gated {@code "false"}, {@code "auto"} or {@code "manual"} (the Hub sends a boolean or a string)
 * @param requestedId the id that was asked for when the Hub redirected (307) to a renamed repository
 */
public record ModelInfo(
    String id,
    Optional<String> author,
    Optional<String> sha,
    Optional<Instant> createdAt,
    Optional<Instant> lastModified,
    boolean isPrivate,
    String gated,
    boolean disabled,
    long downloads,
    long likes,
    Optional<String> libraryName,
    Optional<String> pipelineTag,
    Optional<String> maskToken,
    List<String> tags,
    List<Sibling> siblings,
    OptionalLong usedStorage,
    Optional<String> requestedId) {

  /** The migration timestamp the Hub gave every repository created before it recorded dates. */
  public static final Instant CREATED_AT_SENTINEL = Instant.parse("2022-03-02T23:29:04Z");

  public static ModelInfo from(JsonNode node) {
    List<Sibling> siblings = new ArrayList<>();
    node.path("siblings").forEach(s -> siblings.add(Sibling.from(s)));
    JsonNode gated = node.get("gated");
    return new ModelInfo(
        node.path("id").asText(),
        HubJson.optionalText(node, "author"),
        HubJson.optionalText(node, "sha"),
        HubJson.optionalInstant(node, "createdAt"),
        HubJson.optionalInstant(node, "lastModified"),
        node.path("private").asBoolean(false),
        gated == null || gated.isNull() ? "false" : gated.asText(),
        node.path("disabled").asBoolean(false),
        node.path("downloads").asLong(0),
        node.path("likes").asLong(0),
        HubJson.optionalText(node, "library_name"),
        HubJson.optionalText(node, "pipeline_tag"),
        HubJson.optionalText(node, "mask_token"),
        HubJson.strings(node.get("tags")),
        List.copyOf(siblings),
        node.hasNonNull("usedStorage") ? OptionalLong.of(node.get("usedStorage").asLong()) : OptionalLong.empty(),
        Optional.empty());
  }

  public boolean isGated() {
    return !"false".equals(gated);
  }

  /**
   * True when {@code createdAt} is the Hub's migration placeholder, any instant of the minute
   * 2022-03-02T23:29 (neighbouring seconds occur, api-reference.md 1.1): the repository was
   * created on or before it, but when is unknown.
   */
  public boolean createdAtUnknown() {
    return createdAt.map(ModelInfo::isSentinel).orElse(true);
  }

  public static boolean isSentinel(Instant instant) {
    Instant minute = Instant.parse("2022-03-02T23:29:00Z");
    return !instant.isBefore(minute) && instant.isBefore(minute.plusSeconds(60));
  }

  ModelInfo withRequestedId(String requested) {
    return new ModelInfo(id, author, sha, createdAt, lastModified, isPrivate, gated, disabled, downloads,
        likes, libraryName, pipelineTag, maskToken, tags, siblings, usedStorage, Optional.of(requested));
  }
}
