package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CommitTime#parse}'s hand-written reading gives what the formatter gives, and leaves the rest to it. */
class CommitTimeTest {

  @Test
  void everyDayOfLeapAndCommonYearsReadsAsTheFormatterReadsIt() {
    Random random = new Random(24);
    for (LocalDate day = LocalDate.of(1999, 12, 25); day.isBefore(LocalDate.of(2001, 1, 5)); day = day.plusDays(1)) {
      String text = String.format("%s %02d:%02d:%02d", day, random.nextInt(24), random.nextInt(60), random.nextInt(60));
      assertThat(CommitTime.parse(text)).isEqualTo(LocalDateTime.parse(text, CommitTime.FORMAT));
    }
  }

  @Test
  void textTheFastPathDoesNotTakeGetsTheFormattersAnswer() {
    // SMART resolving: the 30th of February is read as its month's last day, 24:00:00 as the next midnight
    for (String text : List.of("2023-02-30 10:00:00", "2024-02-31 00:00:00", "2023-04-31 01:02:03",
        "2023-12-31 24:00:00", " 2023-06-01 12:00:00\n", "+12023-06-01 12:00:00")) {
      assertThat(CommitTime.parse(text)).as(text).isEqualTo(LocalDateTime.parse(text.trim(), CommitTime.FORMAT));
    }
    for (String text : List.of("2023-13-01 00:00:00", "2023-06-01 12:60:00", "2023-06-01 12:00:61", "0000-01-01 00:00:00",
        "2023-6-01 12:00:00", "2023-06-01T12:00:00", "2023-06-01 12:00", "٢٠٢٣-06-01 12:00:00", "")) {
      assertThatThrownBy(() -> CommitTime.parse(text)).as(text).isInstanceOf(StudyDataException.class)
          .hasMessageContaining("not a commit time");
    }
  }
  @Test
  void aCommitKeepsItsTimeAsWrittenExactlyWhenFormattingWouldNotGiveItBack() {
    // RepositoryCommits keeps the text of a time the formatter does not write back; it tells so
    // without formatting, and must agree with formatting on every text
    List<String> texts = List.of("2024-03-11 20:42:01", "0999-12-31 23:59:59", "1000-01-01 00:00:00",
        "9999-12-31 23:59:59", " 2024-03-11 20:42:01", "2024-03-11 20:42:01 ", "2023-02-30 10:00:00",
        "2024-02-29 00:00:00", "2024-3-11 20:42:01", "2024-03-11T20:42:01", "2024-03-11 24:00:00");
    for (String text : texts) {
      LocalDateTime time;
      try {
        time = CommitTime.parse(text);
      } catch (StudyDataException e) {
        continue;
      }
      boolean canonical = text.length() == 19 && time.getYear() >= 1000 && time.getYear() <= 9999
          && text.equals(CommitTime.format(time));
      RepositoryCommits commit = RepositoryCommits.of("r", text, true, false, false);
      assertThat(commit.newest()).as(text).isEqualTo(canonical ? CommitTime.format(time) : text);
      // merged with another commit, the newest is the larger text, as the study compared them
      String other = "2025-01-01 00:00:00";
      RepositoryCommits later = RepositoryCommits.of("r", other, true, false, false);
      String written = commit.newest();
      assertThat(RepositoryCommits.merge(commit, later).newest()).as(text)
          .isEqualTo(written.compareTo(other) > 0 ? written : other);
    }
  }
}
