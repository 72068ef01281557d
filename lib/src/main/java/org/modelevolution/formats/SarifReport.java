package org.modelevolution.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Detections as a SARIF 2.1.0 log for code-scanning tools: one result per dangerous or suspicious
 * import, and one per file whose scan is incomplete. Rule ids are stable across versions:
 *
 * <ul>
 *   <li>{@code PKL001} denied import (a deny-list entry matched; level error);
 *   <li>{@code PKL002} unlisted import (on neither list; warning, error in strict mode);
 *   <li>{@code PKL003} incomplete scan (truncated stream, exhausted budget, unknown opcode,
 *       unresolvable import, unscannable container; warning: never read as clean).
 * </ul>
 *
 * Each result names the list entry and the policy version in its message and properties; its
 * location is the file (the offset inside the named pickle stream is in the properties, since a
 * stream inside an archive has no byte offset in the file).
 */
public final class SarifReport {
  public static final String DENIED = "PKL001";
  public static final String UNLISTED = "PKL002";
  public static final String INCOMPLETE = "PKL003";

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[][] RULES = {
    {DENIED, "DeniedPickleImport", "A pickle imports a name on the deny list.",
      "Unpickling this file imports a callable that can run code, start processes, touch files or the network. Do not load it; convert the weights to safetensors from a trusted copy.", "error"},
    {UNLISTED, "UnlistedPickleImport", "A pickle imports a name on neither list.",
      "Unpickling this file imports a class or function that is neither known-safe nor known-dangerous (often a model or user class): loading it runs that code.", "warning"},
    {INCOMPLETE, "IncompletePickleScan", "The pickle scan could not cover the whole file.",
      "The scan stopped early (truncated stream, exhausted budget, unknown opcode, unresolvable import, or a container not scannable here); what was not read may import anything.", "warning"},
  };

  private SarifReport() {}

  /** The SARIF log of {@code detections}, pretty-printed. */
  public static String of(List<Detection> detections, String toolVersion) {
    ObjectNode log = MAPPER.createObjectNode();
    log.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "safetensors-study detect");
    driver.put("version", toolVersion);
    driver.put("informationUri", "https://github.com/s2e-lab/model-evolution");
    ArrayNode rules = driver.putArray("rules");
    for (String[] r : RULES) {
      ObjectNode rule = rules.addObject();
      rule.put("id", r[0]);
      rule.put("name", r[1]);
      rule.putObject("shortDescription").put("text", r[2]);
      rule.putObject("fullDescription").put("text", r[3]);
      rule.putObject("defaultConfiguration").put("level", r[4]);
    }
    ArrayNode results = run.putArray("results");
    for (Detection d : detections) {
      PickleScan scan = d.pickle();
      if (!scan.applicable()) {
        continue;
      }
      for (PickleScan.Import i : scan.imports()) {
        if (i.verdict() == PickleVerdict.SAFE) {
          continue;
        }
        boolean denied = !i.rule().equals(PicklePolicy.UNLISTED);
        String ruleId = denied ? DENIED : UNLISTED;
        ObjectNode result = result(results, d, ruleId, denied ? 0 : 1, i.verdict() == PickleVerdict.DANGEROUS ? "error" : "warning",
            (i.verdict() == PickleVerdict.DANGEROUS ? "Dangerous" : "Suspicious") + " pickle import " + i.dotted() + " in " + i.where()
                + " at offset " + i.offset() + " (" + i.evidence() + "; " + i.rule() + ", policy " + scan.policyVersion() + (scan.strict() ? ", strict" : "") + ")");
        ObjectNode props = result.putObject("properties");
        props.put("import", i.dotted()).put("where", i.where()).put("offset", i.offset()).put("evidence", i.evidence()).put("verdict", i.verdict().id())
            .put("policyRule", i.rule()).put("policyVersion", scan.policyVersion()).put("format", d.format().id());
        result.putObject("partialFingerprints").put("pickleImport/v1", d.path() + "|" + i.where() + "|" + i.dotted());
      }
      if (!scan.complete()) {
        ObjectNode result = result(results, d, INCOMPLETE, 2, "warning",
            "Pickle scan incomplete: " + String.join("; ", scan.notes()));
        ObjectNode props = result.putObject("properties");
        props.put("verdict", scan.verdict().id()).put("policyVersion", scan.policyVersion()).put("format", d.format().id());
        ArrayNode gaps = props.putArray("gaps");
        scan.gaps().forEach(g -> gaps.addObject().put("where", g.where()).put("offset", g.offset()).put("why", g.why()));
        result.putObject("partialFingerprints").put("pickleScan/v1", d.path() + "|incomplete");
      }
    }
    try {
      return MAPPER.writeValueAsString(log) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  private static ObjectNode result(ArrayNode results, Detection d, String ruleId, int ruleIndex, String level, String text) {
    ObjectNode result = results.addObject();
    result.put("ruleId", ruleId);
    result.put("ruleIndex", ruleIndex);
    result.put("level", level);
    result.putObject("message").put("text", text);
    ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
    location.putObject("artifactLocation").put("uri", uri(d.path()));
    return result;
  }

  /** The path as a URI reference (relative paths stay relative; URLs stay as they are). */
  static String uri(String path) {
    if (path.startsWith("https://") || path.startsWith("http://")) {
      return path;
    }
    try {
      return new URI(null, null, path.replace('\\', '/'), null).toString();
    } catch (URISyntaxException e) {
      return path.replaceAll("[^A-Za-z0-9._~/-]", "_");
    }
  }
}
