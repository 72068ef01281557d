package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Hub's own scan of one file, {@code securityFileStatus} of a tree entry listed with
 * {@code expand=true} (api-reference.md 1.5). Its shape has changed over time, so only
 * {@code status} and the {@code pickleImportScan} are read; the other scanner objects are ignored.
 *
 * @param status {@code unscanned}, {@code safe}, {@code queued}, {@code error}, {@code caution},
 *     {@code suspicious} or {@code unsafe} (or whatever newer value the Hub sends)
 * @param pickleScanStatus the {@code pickleImportScan.status}, empty when there is none
 * @param pickleImports the imports the Hub's pickle scan lists, with its {@code safety} for each
 */
public record SecurityFileStatus(String status, Optional<String> pickleScanStatus, List<PickleImport> pickleImports) {

  /** One import as the Hub's scan reports it; {@code safety} is {@code innocuous}, {@code suspicious} or {@code dangerous}. */
  public record PickleImport(String module, String name, String safety) {
    public String dotted() {
      return module + "." + name;
    }
  }

  public SecurityFileStatus {
    pickleImports = List.copyOf(pickleImports);
  }

  static Optional<SecurityFileStatus> from(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    JsonNode scan = node.get("pickleImportScan");
    List<PickleImport> imports = new ArrayList<>();
    Optional<String> scanStatus = Optional.empty();
    if (scan != null && scan.isObject()) {
      scanStatus = Optional.ofNullable(scan.path("status").textValue());
      for (JsonNode i : scan.path("pickleImports")) {
        if (i.hasNonNull("module") && i.hasNonNull("name")) {
          imports.add(new PickleImport(i.get("module").asText(), i.get("name").asText(), i.path("safety").asText("")));
        }
      }
    }
    return Optional.of(new SecurityFileStatus(node.path("status").asText("unknown"), scanStatus, imports));
  }
}
