package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyData;
import org.modelevolution.study.HeaderlessCsv;
import org.modelevolution.study.Study;
import org.modelevolution.study.StudySources;
import org.modelevolution.study.SyntheticInputs;
import org.modelevolution.testing.Shared;

/**
 * Our study-named RQ2 tables equal what the study's own notebook wrote on the same SYNTHETIC
 * inputs (scale 0.01, default seed), month by month and year by year. The expected tables come
 * from running the study's {@code rq2_analysis.ipynb} on them; see the fixture folder's README.
 */
class StudyCodeOutputsTest {
  private static final String FIXTURES = "/fixtures/study-code-on-synthetic/scale-0.01/";

  @TempDir static Path inputs;
  static StudyData data;

  @BeforeAll
  static void generate() throws IOException {
    Path study = Shared.dir().resolve("study");
    assumeTrue(SyntheticInputs.available(study), "python3 or the generator is absent; skipping");
    SyntheticInputs.generate(study, inputs, 0.01);
    for (String line : fixture("inputs.sha256").lines().toList()) {
      String[] digestAndName = line.split(" +", 2);
      assertThat(Sha256.of(inputs.resolve(digestAndName[1])))
          .as("the generator wrote %s differently from the run the fixtures came from; regenerate them (README)",
              digestAndName[1])
          .isEqualTo(digestAndName[0]);
    }
    data = Study.load(StudySources.of(Shared.layout(), inputs));
  }

  @Test
  void creationMonthSharesEqualTheStudyCodesMonthByMonth(@TempDir Path out) throws Exception {
    for (Group group : Group.values()) {
      String name = "RQ2FormatsRepoCreation_" + group.fileSuffix() + ".csv";
      FormatShares ours = Rq2.group(data, group).orElseThrow().repoCreation();
      assertSameRows(FormatShares.of(HeaderlessCsv.read(fixturePath(name))), ours, name);
      assertThat(ours.toCsv()).as(name).isEqualTo(fixture(name));
    }
  }

  @Test
  void yearlySharesEqualTheStudyCodesYearByYear(@TempDir Path out) throws Exception {
    for (Group group : Group.values()) {
      String name = "RQ2FormatsYearly_" + group.fileSuffix() + ".csv";
      FormatShares ours = Rq2.group(data, group).orElseThrow().yearlyStudy();
      String expected = "RQ2FormatsYearly_" + group.fileSuffix() + "_notebook_table.csv";
      assertSameRows(FormatShares.of(HeaderlessCsv.read(fixturePath(expected))), ours, name);
      assertThat(ours.toCsv()).as(name).isEqualTo(fixture(expected));
    }
  }

  /** Compares key by key, so that a failure names the month (or year) and its cells. */
  private static void assertSameRows(FormatShares study, FormatShares ours, String name) {
    assertThat(ours.formats()).as("%s: format columns", name).isEqualTo(study.formats());
    assertThat(ours.keys()).as("%s: months", name).isEqualTo(study.keys());
    for (int r = 0; r < study.keys().size(); r++) {
      assertThat(ours.formattedRow(r, -1)).as("%s %s %s", name, study.keys().get(r), study.formats())
          .isEqualTo(study.formattedRow(r, -1));
    }
  }

  private static Path fixturePath(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(StudyCodeOutputsTest.class.getResource(FIXTURES + name), name).toURI());
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = Objects.requireNonNull(StudyCodeOutputsTest.class.getResourceAsStream(FIXTURES + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
