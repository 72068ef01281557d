package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The Git LFS facts of a file: the SHA-256 of its content, its real size and the size of the
 * pointer stored in git. The Hub spells the digest {@code sha256} in model info and {@code oid} in
 * tree listings (api-reference.md pitfall 20); both parse into this one type.
 */
public record Lfs(String sha256, long size, long pointerSize) {

  static Optional<Lfs> from(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    String digest = node.hasNonNull("sha256") ? node.get("sha256").asText() : node.path("oid").asText(null);
    if (digest == null) {
      return Optional.empty();
    }
    return Optional.of(new Lfs(digest, node.path("size").asLong(), node.path("pointerSize").asLong()));
  }
}
