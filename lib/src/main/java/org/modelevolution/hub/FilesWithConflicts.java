package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pull request's merge conflicts. The Hub sends {@code filesWithConflicts} either as an array
 * of paths or as the literal {@code true} when conflicts exist but cannot be listed.
 *
 * @param unlisted true when the Hub only said that there are conflicts
 * @param paths the conflicting paths, empty when unlisted
 */
public record FilesWithConflicts(boolean unlisted, List<String> paths) {

  public FilesWithConflicts {
    paths = List.copyOf(paths);
  }

  public boolean any() {
    return unlisted || !paths.isEmpty();
  }

  public static Optional<FilesWithConflicts> of(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (value.isBoolean()) {
      return Optional.of(new FilesWithConflicts(value.asBoolean(), List.of()));
    }
    List<String> paths = new ArrayList<>();
    value.forEach(p -> paths.add(p.asText()));
    return Optional.of(new FilesWithConflicts(false, paths));
  }
}
