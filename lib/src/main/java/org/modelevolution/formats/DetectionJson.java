package org.modelevolution.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one-line JSON form of a {@link Detection}: {@code path} (as given), {@code format},
 * {@code studyLabel}, {@code bytesRead}, {@code size}, {@code pickleGlobals} (sorted),
 * {@code pickleVerdict}, {@code evidence} (a list of {@code {offset, seen}}), in that order; for
 * files that embed pickles also {@code pickle}: {@code verdict}, {@code rule}, {@code completeness},
 * {@code policyVersion}, {@code strict}, {@code imports} (each {@code module}, {@code name},
 * {@code where}, {@code offset}, {@code evidence}: stream, archive member, nested or polyglot,
 * {@code verdict}, {@code rule}) and {@code gaps} (each
 * {@code where}, {@code offset}, {@code why}: why the scan is incomplete); when more than 128 KiB
 * were read, {@code readBeyondBudget} ({@code budget}, {@code bytesRead}, {@code beyond} and
 * {@code why}: bytes per reason, e.g. a central directory read whole).
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
    if (d.overBudget()) {
      ObjectNode over = node.putObject("readBeyondBudget");
      over.put("budget", Detection.READ_BUDGET).put("bytesRead", d.bytesRead()).put("beyond", d.bytesRead() - Detection.READ_BUDGET);
      ArrayNode why = over.putArray("why");
      d.reads().forEach(r -> why.addObject().put("reason", r.why()).put("bytes", r.bytes()));
    }
    PickleScan scan = d.pickle();
    if (scan.applicable()) {
      ObjectNode pickle = node.putObject("pickle");
      pickle.put("verdict", scan.verdict().id());
      pickle.put("rule", scan.rule());
      pickle.put("completeness", scan.completeness().id());
      pickle.put("policyVersion", scan.policyVersion());
      pickle.put("strict", scan.strict());
      pickle.put("pickles", scan.pickles());
      ArrayNode imports = pickle.putArray("imports");
      for (PickleScan.Import i : scan.imports()) {
        imports.addObject().put("module", i.module()).put("name", i.name()).put("where", i.where())
            .put("offset", i.offset()).put("evidence", i.evidence()).put("verdict", i.verdict().id()).put("rule", i.rule());
      }
      ArrayNode gaps = pickle.putArray("gaps");
      for (PickleScan.Gap g : scan.gaps()) {
        gaps.addObject().put("where", g.where()).put("offset", g.offset()).put("why", g.why());
      }
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
