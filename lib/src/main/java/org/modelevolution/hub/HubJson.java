package org.modelevolution.hub;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lenient reading of Hub JSON: unknown fields ignored, absent and null treated alike. */
final class HubJson {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private HubJson() {}

  static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }

  static Optional<Instant> instant(JsonNode node, String field) {
    return text(node, field).flatMap(value -> {
      try {
        return Optional.of(Instant.parse(value));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return List.copyOf(values);
  }
}
