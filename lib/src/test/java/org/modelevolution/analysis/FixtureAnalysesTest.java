package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.study.Group;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudyData;
import org.modelevolution.testing.StudyFixture;

/** RQ1's commit-log rows, RQ2 and RQ4 on hand-made inputs: they run on a fresh clone, without ../shared. */
class FixtureAnalysesTest {
  @TempDir Path dir;

  @Test
  void commitLogRowsFromTheFullInputs() {
    StudyData data = Study.load(StudyFixture.writeFullInputs(dir).sources());
    MetricsTable stats = Rq1.of(data).group(Group.LEGACY).orElseThrow().studyStats();

    assertThat(stats.rows()).containsEntry(Rq1.ALL_LOGS, "3").containsEntry(Rq1.TOUCHING, "3")
        .containsEntry(Rq1.REPOS_TOUCHING, "2").containsEntry(Rq1.ADDING, "3").containsEntry(Rq1.CONTAINING, "3")
        .containsEntry(Rq1.NOT_CONTAINING, "0").containsEntry(Rq1.LAST_DATE, "2023-02-01 10:00:00")
        .containsEntry(Rq1.ST_COMMITS, "1").containsEntry(Rq1.TOOL_COMMITS, "1").containsEntry(Rq1.USED_TOOL, "1")
        .containsEntry(Rq1.OLD_BIN, "1").containsEntry(Rq1.OLD_BIN_PCT, "100.0");
  }

  @Test
  void creationMonthSharesTheStudysWayAndTheStatedWay() {
    StudyData data = Study.load(StudyFixture.writeFullInputs(dir).sources());
    Rq2Group legacy = Rq2.of(data).group(Group.LEGACY).orElseThrow();

    // the study's code: x/b's creation date becomes its earlier commit's (2021-01); x/a keeps one row, its first
    // added file (the PyTorch weights), for its one creation date
    assertThat(legacy.repoCreation().toCsv()).isEqualTo(
        "created_at_month_year,ONNX,torch.save\n2021-01,100.0,0.0\n2021-05,0.0,100.0\n");
    // the stated method: every file of the first model-adding commit; the placeholder date replaced by the first commit's
    assertThat(legacy.repoCreationStated().toCsv()).isEqualTo(
        "created_at_month_year,ONNX,h5/hdf5,torch.save\n2021-01,100.0,0.0,0.0\n2021-05,0.0,50.0,50.0\n");
    // the study's yearly filter keeps every row of the year
    assertThat(legacy.yearlyStudy().keys()).containsExactly("2021", "2023");
    assertThat(legacy.yearlyStudy().formattedRow(1, 2)).containsExactly("0.00", "33.33", "33.33", "33.33");
  }

  @Test
  void perceptionsRankSampleAndCount() {
    StudyData data = Study.load(StudyFixture.write(dir, false).withPerceptions().sources());
    Rq4Result rq4 = Rq4.of(data);

    assertThat(rq4.posts()).isEqualTo(3);
    assertThat(rq4.sampleSize()).isEqualTo(3);
    assertThat(rq4.postRows().get(rq4.rankings().get(Rq4.TextField.TITLE_AND_BODY).get(2).row()).body())
        .contains("training loop");
    assertThat(rq4.codeFrequencies().orElseThrow()).containsExactly(
        java.util.Map.entry("security", 2L), java.util.Map.entry("conversion", 1L));
    assertThat(rq4.stats().get("True positives")).hasValue("2");
    assertThat(rq4.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.check()).isTrue());
  }
}
