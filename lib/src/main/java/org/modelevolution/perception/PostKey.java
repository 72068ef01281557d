package org.modelevolution.perception;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.modelevolution.io.Sha256;

/**
 * A stable identity for a Stack Exchange item across the study's files: the search results carry
 * no answer id, and answers share their question's URL, so an item is identified by
 * {@code <item_type>:<question_id>:<creation_date>}. Other JSON falls back to its SHA-256.
 */
public final class PostKey {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PostKey() {}

  public static String of(String itemType, long questionId, long creationDate) {
    return itemType + ":" + questionId + ":" + creationDate;
  }

  /** The key of an item given as JSON text. */
  public static String ofJson(String json) {
    try {
      JsonNode item = JSON.readTree(json);
      if (item != null && item.hasNonNull("item_type") && item.hasNonNull("question_id")) {
        return of(item.get("item_type").asText(), item.get("question_id").asLong(),
            item.path("creation_date").asLong());
      }
    } catch (IOException e) {
      // not JSON: identified by content
    }
    return "sha256:" + Sha256.of(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
