package org.modelevolution.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one-line JSON form of a {@link Detection}: {@code path} (as given), {@code format},
 * {@code studyLabel}, {@code bytesRead}, {@code size}, {@code pickleGlobals} (sorted),
 * {@code pickleVerdict} and {@code evidence} (a list of {@code {offset, seen}}), in that order.
 */
public final class DetectionJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DetectionJson() {}

  public static ObjectNode toNode(Detection d) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("path", d.path());
    node.put("format", d.format().id());
    node.put("studyLabel", d.studyLabel());
    node.put("bytesRead", d.bytesRead());
    node.put("size", d.size());
    ArrayNode globals = node.putArray("pickleGlobals");
    d.pickle().globals().forEach(globals::add);
    node.put("pickleVerdict", d.pickle().verdict().id());
    ArrayNode evidence = node.putArray("evidence");
    for (Evidence e : d.evidence()) {
      evidence.addObject().put("offset", e.offset()).put("seen", e.seen());
    }
    if (!d.pickle().notes().isEmpty()) {
      ArrayNode notes = node.putArray("pickleNotes");
      d.pickle().notes().forEach(notes::add);
    }
    return node;
  }

  /** The detection as one line of JSON (no line break inside). */
  public static String line(Detection d) {
    try {
      return MAPPER.writeValueAsString(toNode(d));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }
}
