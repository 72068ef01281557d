package org.modelevolution.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AdoptionChartsTest {
  @Test
  void weeksAreNumberedAsTheStudyDid() {
    assertThat(AdoptionCharts.calendarWeek(LocalDate.of(2023, 1, 1))).isZero(); // a Sunday in ISO week 52 of 2022
    assertThat(AdoptionCharts.calendarWeek(LocalDate.of(2023, 1, 2))).isEqualTo(1);
    assertThat(AdoptionCharts.calendarWeek(LocalDate.of(2024, 1, 1))).isZero(); // ISO week 1 -> 0
    assertThat(AdoptionCharts.calendarWeek(LocalDate.of(2024, 12, 30))).isEqualTo(52); // ISO week 1 of 2025
    assertThat(AdoptionCharts.calendarWeek(LocalDate.of(2022, 9, 22))).isEqualTo(38); // 2022 starts in ISO week 52: no shift
  }
}
