package org.modelevolution.analysis;

import java.util.List;

/**
 * A consistency check on the inputs themselves (not a published number): e.g. that the study's
 * "both" addition file is the recent rows followed by the legacy rows.
 *
 * @param rq the research question whose inputs are checked
 * @param check what is checked
 * @param passed whether it holds
 * @param detail the counts behind the verdict
 * @param inputs the files checked
 * @param knownQuirk when not empty, why the study's own files are known not to pass this check (a
 *     quirk of the study, stated from its code or its published files): a "no" that is expected
 */
public record Check(String rq, String check, boolean passed, String detail, List<String> inputs, String knownQuirk) {
  public Check {
    inputs = List.copyOf(inputs);
  }

  /** A check the study's files are expected to pass. */
  public Check(String rq, String check, boolean passed, String detail, List<String> inputs) {
    this(rq, check, passed, detail, inputs, "");
  }

  /** The verdict in words: "yes", "no", or "no, as expected: " and the known quirk. */
  public String verdict() {
    if (passed) {
      return "yes";
    }
    return knownQuirk.isEmpty() ? "no" : "no, as expected (a known quirk of the study): " + knownQuirk;
  }
}
