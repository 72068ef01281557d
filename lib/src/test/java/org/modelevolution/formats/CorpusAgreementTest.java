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

  /** Every corpus file gets the verdict of corpus-verdicts.csv; a scan that is incomplete or a file that fails to parse is never safe. */
  @Test
  void everyFileGetsItsExpectedVerdict() throws IOException {
    java.util.Map<String, String> expected = new java.util.HashMap<>();
    try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
        getClass().getResourceAsStream("corpus-verdicts.csv"), java.nio.charset.StandardCharsets.UTF_8))) {
      in.lines().filter(l -> !l.startsWith("#") && !l.startsWith("path,")).forEach(l -> {
        String[] f = l.split(",");
        expected.put(f[0], f[1] + " " + f[2]);
      });
    }
    Path root = Corpus.root();
    List<String> wrong = new ArrayList<>();
    int agree = 0;
    for (Corpus.Label label : Corpus.labels()) {
      Detection d = detector.detect(root.resolve(label.path()), label.path());
      String got = d.pickle().verdict().id() + " " + d.pickle().completeness().id();
      String want = expected.getOrDefault(label.path(), "not_applicable complete");
      if (got.equals(want)) {
        agree++;
      } else {
        wrong.add(label.path() + ": want " + want + ", got " + got + " " + d.pickle().notes());
      }
      if (d.pickle().verdict() == PickleVerdict.SAFE) {
        assertThat(d.pickle().complete()).as(label.path()).isTrue();
        assertThat(d.format()).as(label.path()).isNotEqualTo(FormatId.UNKNOWN);
      }
    }
    System.out.printf("corpus verdicts: %d/%d as expected%n", agree, Corpus.labels().size());
    assertThat(wrong).isEmpty();
  }

  /** The per-format table from the libmagic answers recorded in labels.csv (the notebook runs file(1) live). */
  @Test
  void perFormatConfusionSetsTheDetectorBesideLibmagic() {
    CorpusValidation validation = CorpusValidation.run(Corpus.root(), detector);
    java.util.Map<String, String> recorded = new java.util.HashMap<>();
    validation.rows().forEach(r -> recorded.put(r.path(), r.libmagic()));
    tech.tablesaw.api.Table t = validation.perFormatConfusion(recorded);
    assertThat(t.rowCount()).isEqualTo(22);
    for (int i = 0; i < t.rowCount(); i++) {
      assertThat(t.stringColumn("ours recall").get(i)).as(t.stringColumn("format").get(i)).isEqualTo("1.00");
      assertThat(t.intColumn("ours FP").get(i)).isZero();
    }
    int hdf5 = t.stringColumn("format").indexOf("hdf5");
    assertThat(t.intColumn("file TP").get(hdf5)).isEqualTo(10);
    int unknown = t.stringColumn("format").indexOf("unknown");
    assertThat(t.intColumn("file TP").get(unknown)).isEqualTo(9);
    assertThat(t.intColumn("file FP").get(unknown)).as("model files file(1) calls data").isPositive();
    int torch = t.stringColumn("format").indexOf("torch_zip");
    assertThat(t.intColumn("file TP").get(torch)).isZero();
    assertThat(t.stringColumn("file precision").get(torch)).isEqualTo("-");
    assertThat(CorpusValidation.libmagicFormat("NumPy array, version 1.0, header length 118")).isEqualTo("numpy_npy");
    assertThat(CorpusValidation.libmagicFormat("Zip archive data, at least v2.0 to extract")).isEqualTo("-");
  }
}
