package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file of a model repository as listed in model info ({@code siblings[]}); blob id, size and
 * LFS facts are present when the info was asked for with {@code blobs=true}.
 */
public record Sibling(String rfilename, Optional<String> blobId, OptionalLong size, Optional<Lfs> lfs) {

  static Sibling from(JsonNode node) {
    return new Sibling(
        node.path("rfilename").asText(),
        HubJson.optionalText(node, "blobId"),
        node.hasNonNull("size") ? OptionalLong.of(node.get("size").asLong()) : OptionalLong.empty(),
        Lfs.from(node.get("lfs")));
  }
}
