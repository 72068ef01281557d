package org.modelevolution.mining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the repository ids of a {@code selected_{group}_repos.json} file, in file order. */
public final class SelectedRepos {
  private SelectedRepos() {}

  public static List<String> ids(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file.getFileName() + " is missing: run the select step first");
    }
    try {
      JsonNode records = new ObjectMapper().readTree(file.toFile());
      List<String> ids = new ArrayList<>();
      records.forEach(r -> ids.add(r.path("id").asText()));
      return List.copyOf(ids);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
