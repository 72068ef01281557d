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
  void writesTheStudysQualifiersOpenAndClosed() {
    assertThat(CreatedRange.before(LocalDate.parse("2020-01-01")).qualifier()).isEqualTo("created:<2020-01-01");
    assertThat(CreatedRange.days(LocalDate.parse("2020-01-01"), LocalDate.parse("2020-05-01")).qualifier())
        .isEqualTo("created:2020-01-01..2020-05-01");
    CreatedRange after = CreatedRange.after(LocalDate.parse("2024-09-01"));
    assertThat(after.qualifier()).isEqualTo("created:>2024-09-01");
    assertThat(after.start()).isEqualTo(Instant.parse("2024-09-02T00:00:00Z"));
  }

  @Test
  void anOpenWindowClippedToAPeriodGetsItsBounds() {
    CreatedRange period = CreatedRange.days(LocalDate.parse("2019-06-01"), LocalDate.parse("2025-01-31"));
    assertThat(CreatedRange.before(LocalDate.parse("2020-01-01")).intersect(period).orElseThrow().qualifier())
        .isEqualTo("created:2019-06-01..2019-12-31");
    assertThat(CreatedRange.after(LocalDate.parse("2024-09-01")).intersect(period).orElseThrow().qualifier())
        .isEqualTo("created:2024-09-02..2025-01-31");
    assertThat(CreatedRange.after(LocalDate.parse("2025-09-01")).intersect(period)).isEmpty();
  }

  @Test
  void bisectsByDaysThenHoursThenSecondsDownToOneSecond() {
    CreatedRange may = CreatedRange.days(LocalDate.parse("2023-05-01"), LocalDate.parse("2023-05-31"));

    assertThat(may.split()).extracting(CreatedRange::qualifier)
        .containsExactly("created:2023-05-01..2023-05-15", "created:2023-05-16..2023-05-31");

    CreatedRange day = new CreatedRange(Instant.parse("2023-05-10T00:00:00Z"), Instant.parse("2023-05-11T00:00:00Z"));
    assertThat(day.qualifier()).isEqualTo("created:2023-05-10..2023-05-10");
    assertThat(day.split()).extracting(CreatedRange::qualifier).containsExactly(
        "created:2023-05-10T00:00:00Z..2023-05-10T11:59:59Z", "created:2023-05-10T12:00:00Z..2023-05-10T23:59:59Z");

    CreatedRange range = day;
    while (range.duration().compareTo(Duration.ofHours(1)) > 0) {
      range = range.split().get(0);
    }
    assertThat(range.qualifier()).isEqualTo("created:2023-05-10T00:00:00Z..2023-05-10T00:59:59Z");
    assertThat(range.split()).extracting(CreatedRange::qualifier).containsExactly(
        "created:2023-05-10T00:00:00Z..2023-05-10T00:29:59Z", "created:2023-05-10T00:30:00Z..2023-05-10T00:59:59Z");
    while (range.canSplit()) {
      range = range.split().get(0);
    }
    assertThat(range.duration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(range.qualifier()).isEqualTo("created:2023-05-10T00:00:00Z..2023-05-10T00:00:00Z");
    CreatedRange smallest = range;
    assertThatThrownBy(smallest::split).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void halvesCoverTheRangeWithoutGapsOrOverlap() {
    for (CreatedRange range : List.of(
        new CreatedRange(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2023-01-04T00:00:00Z")),
        CreatedRange.before(LocalDate.parse("2020-01-01")),
        new CreatedRange(Instant.parse("2023-01-01T05:00:00Z"), Instant.parse("2023-01-01T05:00:07Z")))) {
      List<CreatedRange> halves = range.split();
      assertThat(halves.get(0).start()).isEqualTo(range.start());
      assertThat(halves.get(0).end()).isEqualTo(halves.get(1).start());
      assertThat(halves.get(1).end()).isEqualTo(range.end());
    }
  }
}
