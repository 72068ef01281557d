package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Combining histories equals reducing the combined table, including a repository and a commit in both. */
class FormatHistoryTest {
  private static final LocalDateTime JAN = LocalDateTime.of(2023, 1, 5, 10, 0);
  private static final LocalDateTime MAR = LocalDateTime.of(2023, 3, 1, 9, 30);
  private static final LocalDateTime NEXT_YEAR = LocalDateTime.of(2024, 2, 2, 2, 2);

  private record Row(String repo, String commit, LocalDateTime date, String format, boolean added) {}

  private static final List<Row> FIRST = List.of(
      new Row("a/x", "c1", JAN, "pickle", true),
      new Row("a/x", "c1", JAN, "safetensors", true),
      new Row("b/y", "c2", MAR, "undetermined", false),
      new Row("a/x", "c3", NEXT_YEAR, "safetensors", false));
  private static final List<Row> SECOND = List.of(
      new Row("c/z", "c4", MAR, "onnx", true),
      new Row("a/x", "c3", NEXT_YEAR, "pickle", true), // a commit already in the first table
      new Row("a/x", "c5", MAR, "pickle", false));

  @Test
  void concatAndMergeEqualOnePassOverTheRows() {
    FormatHistory both = reduce(FIRST, SECOND);
    FormatHistory concat = FormatHistory.concat(reduce(FIRST), reduce(SECOND));
    assertThat(concat).isEqualTo(both);
    assertThat(List.copyOf(concat.repositories().keySet())).containsExactly("a/x", "b/y", "c/z");
    assertThat(concat.addedFiles()).isEqualTo(both.addedFiles()).hasSize(4);
    FormatHistory.Commit c3 = concat.repositories().get("a/x").commits().get(1);
    assertThat(c3.formats()).containsEntry("safetensors", 1L).containsEntry("pickle", 1L);
    assertThat(c3.addsFiles()).isTrue();
    assertThat(concat.repositories().get("a/x").lastRowDateByYear()).containsEntry(2023, MAR).containsEntry(2024, NEXT_YEAR);
    assertThat(concat.yearlyFormats().get(2023)).containsEntry("pickle", 2L);

    // shards hold disjoint repositories; the merge puts them in the selection's order
    FormatHistory shardA = reduce(List.of(FIRST.get(2)));
    FormatHistory shardB = reduce(List.of(FIRST.get(0), FIRST.get(1), FIRST.get(3)));
    FormatHistory merged = FormatHistory.merge(List.of(shardA, shardB), List.of("a/x", "b/y"));
    assertThat(merged).isEqualTo(reduce(FIRST));
    assertThat(List.copyOf(merged.repositories().keySet())).containsExactly("a/x", "b/y");
  }

  @SafeVarargs
  private static FormatHistory reduce(List<Row>... tables) {
    FormatHistory.Builder builder = new FormatHistory.Builder();
    for (List<Row> table : tables) {
      table.forEach(r -> builder.add(r.repo(), r.commit(), r.date(), r.format(), r.added()));
    }
    return builder.build();
  }
}
