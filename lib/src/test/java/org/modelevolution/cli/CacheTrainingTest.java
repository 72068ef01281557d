package org.modelevolution.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CacheTrainingTest {
  @Test
  void splitsTheCommandLinesAtEachDoubleDash() {
    assertEquals(List.of(List.of("reproduce", "--data", "a", "--out", "b"), List.of("reproduce", "--data", "c")),
        CacheTraining.commands(new String[] {"reproduce", "--data", "a", "--out", "b", "--", "reproduce", "--data",
            "c"}));
  }

  @Test
  void dropsEmptyCommandLines() {
    assertEquals(List.of(List.of("reproduce")), CacheTraining.commands(new String[] {"--", "reproduce", "--", "--"}));
    assertEquals(List.of(), CacheTraining.commands(new String[] {}));
  }
}
