package org.modelevolution.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** The validation tables agree with the rows they summarise (on the real labelled corpus). */
class CorpusValidationTest {
  private static CorpusValidation validation;

  @BeforeAll
  static void run() {
    validation = CorpusValidation.run(Corpus.root());
  }

  private static long sum(Table table) {
    return table.columns().stream().filter(c -> c instanceof IntColumn)
        .mapToLong(c -> (long) ((IntColumn) c).sum()).sum();
  }

  @Test
  void confusionCountsEveryFileOnceInItsTrueRowAndDetectedColumn() {
    Table confusion = validation.confusion();
    assertThat(sum(confusion)).isEqualTo(validation.rows().size());
    long agreeing = validation.rows().stream().filter(CorpusValidation.Row::formatAgrees).count();
    long diagonal = 0;
    for (int row = 0; row < confusion.rowCount(); row++) {
      String format = confusion.stringColumn(0).get(row);
      if (confusion.containsColumn(format) && !confusion.intColumn(format).isMissing(row)) {
        diagonal += confusion.intColumn(format).get(row);
      }
    }
    assertThat(diagonal).isEqualTo(agreeing);
  }

  @Test
  void agreementRowsCountTheAgreeingFiles() {
    Table agreement = validation.agreement();
    assertThat(agreement.stringColumn("column").asList()).containsExactly("format", "study_label", "pickle_globals");
    assertThat(agreement.intColumn("agree").get(0))
        .isEqualTo((int) validation.rows().stream().filter(CorpusValidation.Row::formatAgrees).count());
    assertThat(agreement.intColumn("files").asList()).containsOnly(validation.rows().size());
  }

  @Test
  void libmagicAndBytesReadCoverEveryFile() {
    assertThat(sum(validation.libmagicConfusion())).isEqualTo(validation.rows().size());
    assertThat(sum(validation.bytesRead())).isEqualTo(validation.rows().size());
    assertThat(validation.bytesReadSummary().get("files")).isEqualTo(validation.rows().size());
    assertThat(validation.bytesReadSummary().get("max bytes read"))
        .isEqualTo(validation.rows().stream().mapToLong(r -> r.detection().bytesRead()).max().orElseThrow());
  }

  @Test
  void pickleVerdictsCountOnlyFilesThatEmbedPickles() {
    long applicable = validation.rows().stream().filter(r -> r.detection().pickle().applicable()).count();
    assertThat(sum(validation.pickleVerdicts())).isEqualTo(applicable);
  }

  @Test
  void bypassVerdictMatrixFlagsEveryHostileFileAndKeepsTheBenignSafe() throws java.io.IOException {
    tech.tablesaw.api.Table m = CorpusValidation.bypassVerdictMatrix(Detector.withDefaults());
    assertThat(m.rowCount()).isEqualTo(15);
    int files = 0;
    for (int r = 0; r < m.rowCount(); r++) {
      String klass = m.stringColumn("class").get(r);
      int n = m.intColumn("files").get(r);
      int hostile = m.intColumn("hostile").get(r);
      files += n;
      assertThat(m.intColumn("as expected").get(r)).as(klass).isEqualTo(n);
      if (klass.equals(BypassCorpus.BENIGN)) {
        assertThat(hostile).isZero();
        assertThat(m.intColumn("safe").get(r) + m.intColumn("no pickle verdict").get(r)).isEqualTo(n);
        assertThat(m.intColumn("safe").get(r)).isGreaterThanOrEqualTo(25);
      } else if (!klass.startsWith("13.")) {
        assertThat(hostile).as(klass).isEqualTo(n);
        assertThat(m.intColumn("dangerous").get(r) + m.intColumn("suspicious").get(r)).as(klass).isEqualTo(n);
      }
    }
    assertThat(files).isEqualTo(BypassCorpus.cases().size());
    assertThat(m.stringColumn("class").get(0)).startsWith("1. ");
    assertThat(m.stringColumn("class").get(14)).isEqualTo(BypassCorpus.BENIGN);
  }
}
