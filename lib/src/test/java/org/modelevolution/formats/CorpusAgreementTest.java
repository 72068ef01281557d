package org.modelevolution.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance test: the detector agrees with every row of labels.csv on all three columns. */
class CorpusAgreementTest {
  private final Detector detector = Detector.withDefaults();

  @Test
  void agreesWithEveryLabel() throws IOException {
    Path root = Corpus.root();
    List<Corpus.Label> labels = Corpus.labels();
    List<String> disagreements = new ArrayList<>();
    for (Corpus.Label label : labels) {
      Detection d = detector.detect(root.resolve(label.path()), label.path());
      String got = d.format().id() + " | " + d.studyLabel() + " | " + d.pickleGlobalsCell();
      String want = label.format() + " | " + label.studyLabel() + " | " + label.pickleGlobals();
      if (!got.equals(want)) {
        disagreements.add(label.path() + "\n    want " + want + "\n    got  " + got + "\n    " + d.evidence() + " " + d.pickle().notes());
      }
    }
    assertThat(labels).hasSize(154);
    assertThat(disagreements).as("rows of labels.csv the detector disagrees with").isEmpty();
  }
}
