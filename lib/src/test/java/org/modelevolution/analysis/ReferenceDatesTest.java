package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelevolution.study.CsvColumns;
import org.modelevolution.study.Group;

/** The hand-typed fact table of reference dates and the constants the code counts days from agree. */
class ReferenceDatesTest {
  @Test
  void theCodeCountsDaysFromTheDatesOfTheFactTable() {
    List<String[]> rows = CsvColumns.readAll(org.modelevolution.testing.Shared.layout().data().resolve("reference-dates.csv"),
        List.of("iteration", "reference_date"));
    assertThat(rows).anySatisfy(r -> {
      assertThat(r[0]).isEqualTo("final");
      assertThat(LocalDate.parse(r[1])).isEqualTo(Group.SAFETENSORS_RELEASE);
    });
    assertThat(rows).anySatisfy(r -> {
      assertThat(r[0]).isEqualTo("2024");
      assertThat(LocalDate.parse(r[1])).isEqualTo(org.modelevolution.study.StudyFiles.ITERATION_2024_REFERENCE);
    });
  }
}
