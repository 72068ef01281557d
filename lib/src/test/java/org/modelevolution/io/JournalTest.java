package org.modelevolution.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  record Unit(String repo, int commits) {}

  @Test
  void reopenedJournalHoldsExactlyTheFinishedUnitsSorted(@TempDir Path dir) {
    Path file = dir.resolve("step/journal.jsonl");
    try (Journal<Unit> journal = Journal.open(file, Unit.class)) {
      journal.record("b/two", new Unit("b/two", 2));
      journal.record("a/one", new Unit("a/one", 1));
    }
    try (Journal<Unit> journal = Journal.open(file, Unit.class)) {
      assertThat(journal.isDone("a/one")).isTrue();
      assertThat(journal.isDone("c/three")).isFalse();
      assertThat(journal.entries().keySet()).containsExactly("a/one", "b/two");
      assertThat(journal.get("b/two")).contains(new Unit("b/two", 2));
    }
  }

  @Test
  void tornLastLineFromACrashIsDroppedAndOverwritten(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("journal.jsonl");
    try (Journal<Unit> journal = Journal.open(file, Unit.class)) {
      journal.record("a", new Unit("a", 1));
    }
    Files.writeString(file, "{\"key\":\"b\",\"value\":{\"repo\":\"b\",\"co", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (Journal<Unit> journal = Journal.open(file, Unit.class)) {
      assertThat(journal.entries().keySet()).containsExactly("a");
      journal.record("b", new Unit("b", 2));
    }
    assertThat(Files.readAllLines(file)).hasSize(2);
    try (Journal<Unit> journal = Journal.open(file, Unit.class)) {
      assertThat(journal.entries().keySet()).containsExactly("a", "b");
    }
  }

  @Test
  void aUnitRecordedTwiceKeepsItsLastValue(@TempDir Path dir) {
    Path file = dir.resolve("journal.jsonl");
    try (Journal<Unit> journal = Journal.open(file, Unit.class)) {
      journal.record("a", new Unit("a", 1));
      journal.record("a", new Unit("a", 5));
    }
    try (Journal<Unit> journal = Journal.open(file, Unit.class)) {
      assertThat(journal.size()).isEqualTo(1);
      assertThat(journal.get("a")).contains(new Unit("a", 5));
    }
  }
}
