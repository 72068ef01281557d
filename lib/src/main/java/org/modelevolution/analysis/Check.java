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
 */
public record Check(String rq, String check, boolean passed, String detail, List<String> inputs) {
  public Check {
    inputs = List.copyOf(inputs);
  }
}
