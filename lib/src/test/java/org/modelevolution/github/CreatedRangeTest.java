package org.modelevolution.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreatedRangeTest {
  @Test
  void cutsThePeriodIntoCalendarMonthsWithInclusiveDayQualifiers() {
    List<CreatedRange> months = CreatedRange.months(LocalDate.parse("2022-09-15"), LocalDate.parse("2022-11-30"));

    assertThat(months).extracting(CreatedRange::qualifier).containsExactly(
        "created:2022-09-15..2022-09-30", "created:2022-10-01..2022-10-31", "created:2022-11-01..2022-11-30");
  }

  @Test
  void bisectsByDaysThenByHoursDownToOneHour() {
    CreatedRange may = CreatedRange.months(LocalDate.parse("2023-05-01"), LocalDate.parse("2023-05-31")).get(0);

    List<CreatedRange> halves = may.split();
    assertThat(halves).extracting(CreatedRange::qualifier)
        .containsExactly("created:2023-05-01..2023-05-15", "created:2023-05-16..2023-05-31");

    CreatedRange day = new CreatedRange(Instant.parse("2023-05-10T00:00:00Z"), Instant.parse("2023-05-11T00:00:00Z"));
    assertThat(day.qualifier()).isEqualTo("created:2023-05-10..2023-05-10");
    assertThat(day.split()).extracting(CreatedRange::qualifier).containsExactly(
        "created:2023-05-10T00:00:00Z..2023-05-10T11:59:59Z", "created:2023-05-10T12:00:00Z..2023-05-10T23:59:59Z");

    CreatedRange range = day;
    while (range.canSplit()) {
      range = range.split().get(0);
    }
    assertThat(range.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(range.qualifier()).isEqualTo("created:2023-05-10T00:00:00Z..2023-05-10T00:59:59Z");
    CreatedRange smallest = range;
    assertThatThrownBy(smallest::split).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void halvesCoverTheRangeWithoutGapsOrOverlap() {
    CreatedRange range = new CreatedRange(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2023-01-04T00:00:00Z"));
    List<CreatedRange> halves = range.split();
    assertThat(halves.get(0).start()).isEqualTo(range.start());
    assertThat(halves.get(0).end()).isEqualTo(halves.get(1).start());
    assertThat(halves.get(1).end()).isEqualTo(range.end());
  }
}
