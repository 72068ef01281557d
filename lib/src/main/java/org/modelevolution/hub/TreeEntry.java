package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One entry of {@code /api/models/{id}/tree/{revision}} (api-reference.md 1.5).
 *
 * @param type {@code file}, {@code directory} or {@code unknown}
 * @param oid the git blob or tree id
 * @param size the real file size (for LFS files too)
 * @param security the Hub's own scan of the file, present only in listings with {@code expand=true}
 */
public record TreeEntry(String type, String oid, long size, String path, Optional<Lfs> lfs, Optional<SecurityFileStatus> security) {

  /** An entry of a listing without {@code expand=true} (no security status). */
  public TreeEntry(String type, String oid, long size, String path, Optional<Lfs> lfs) {
    this(type, oid, size, path, lfs, Optional.empty());
  }

  static TreeEntry from(JsonNode node) {
    return new TreeEntry(node.path("type").asText("unknown"), node.path("oid").asText(),
        node.path("size").asLong(0), node.path("path").asText(), Lfs.from(node.get("lfs")),
        SecurityFileStatus.from(node.get("securityFileStatus")));
  }

  public boolean isFile() {
    return "file".equals(type);
  }
}
