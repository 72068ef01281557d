package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One entry of {@code /api/models/{id}/tree/{revision}} (api-reference.md 1.5).
 *
 * @param type {@code file}, {@code directory} or {@code unknown}
 * @param oid the git blob or tree id
 * @param size the real file size (for LFS files too)
 */
public record TreeEntry(String type, String oid, long size, String path, Optional<Lfs> lfs) {

  static TreeEntry from(JsonNode node) {
    return new TreeEntry(node.path("type").asText("unknown"), node.path("oid").asText(),
        node.path("size").asLong(0), node.path("path").asText(), Lfs.from(node.get("lfs")));
  }

  public boolean isFile() {
    return "file".equals(type);
  }
}
