package org.modelevolution.formats;

import java.util.ArrayList;
import java.util.List;

/** A rule's positive answer: the format, what was seen, and the pickle scan when one applies. */
record Match(FormatId format, List<Evidence> evidence, PickleScan pickle) {

  static Match of(FormatId format, Evidence... evidence) {
    return new Match(format, List.of(evidence), PickleScan.NOT_APPLICABLE);
  }

  static Match of(FormatId format, List<Evidence> evidence, PickleScan pickle) {
    return new Match(format, new ArrayList<>(evidence), pickle);
  }
}
