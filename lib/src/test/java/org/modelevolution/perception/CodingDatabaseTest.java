package org.modelevolution.perception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;

/** Reads the study's coding database and round-trips it through copies; the shared file is never written. */
class CodingDatabaseTest {
  static Path studyDb;

  @BeforeAll
  static void findDatabase() {
    Path shared = Path.of(System.getProperty("shared.dir", "../shared"));
    studyDb = shared.resolve("study/db_model_evolution.sqlite3");
    Assumptions.assumeTrue(Files.isRegularFile(studyDb), "study data absent: " + studyDb);
  }

  @Test
  void readsTheStudysCountsExactly() {
    String before = Sha256.of(studyDb);
    Coding coding = CodingDatabase.read(studyDb);

    assertThat(coding.posts()).hasSize(268);
    assertThat(coding.postsPerSource()).isEqualTo(Map.of("StackOverflow", 268L));
    assertThat(coding.truePositives()).isEqualTo(86);
    assertThat(coding.falsePositives()).isEqualTo(182);
    assertThat(coding.concepts()).hasSize(18);
    assertThat(coding.concepts()).extracting(Concept::id)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).filter(i -> i != 16 && i != 18).boxed().toList());
    assertThat(coding.links()).isEqualTo(127);
    assertThat(coding.codedPosts()).isEqualTo(85);
    assertThat(coding.posts().stream().filter(p -> !p.conceptIds().isEmpty() && Boolean.TRUE.equals(p.isTruePositive())))
        .hasSize(84);
    assertThat(coding.categories()).isEmpty();
    assertThat(coding.conceptNamed("Error Loading Safetensors Model")).isPresent();
    assertThat(Sha256.of(studyDb)).isEqualTo(before);
  }

  @Test
  void roundTripsThroughAFreshDatabaseAndACopy(@TempDir Path dir) throws Exception {
    Coding original = CodingDatabase.read(studyDb);
    Path fresh = dir.resolve("fresh.sqlite3");
    CodingDatabase.create(fresh);
    CodingDatabase.write(fresh, original);
    assertThat(CodingDatabase.read(fresh)).isEqualTo(original);

    Path copy = dir.resolve("copy.sqlite3");
    Files.copy(studyDb, copy);
    CodedPost first = original.posts().get(0);
    Coding recoded = CodingSheet.apply(original, List.of(
        new CodingSheet.Label(PostKey.ofJson(first.content()), first.id(), Boolean.TRUE, List.of("Model Formats", "A new code"),
            "re-coded")), Map.of());
    CodingDatabase.write(copy, recoded);
    Coding back = CodingDatabase.read(copy);

    assertThat(back).isEqualTo(recoded);
    assertThat(back.concepts()).hasSize(19);
    assertThat(back.conceptNamed("A new code").orElseThrow().id()).isEqualTo(21);
    assertThat(back.posts().get(0).isTruePositive()).isTrue();
    assertThat(back.posts().get(0).comments()).isEqualTo("re-coded");
    assertThat(back.truePositives()).isEqualTo(original.truePositives() + (Boolean.TRUE.equals(first.isTruePositive()) ? 0 : 1));
  }

  @Test
  void refusesLinksToUnknownCodesAndOverwrites(@TempDir Path dir) {
    Path fresh = dir.resolve("db.sqlite3");
    CodingDatabase.create(fresh);
    Coding broken = new Coding(List.of(new CodedPost(1, "StackOverflow", "{}", null, "", List.of(99L))), List.of(), List.of());
    assertThatThrownBy(() -> CodingDatabase.write(fresh, broken)).hasMessageContaining("unknown code 99");
    assertThatThrownBy(() -> CodingDatabase.create(fresh)).hasMessageContaining("exists");
    assertThat(CodingDatabase.read(fresh).posts()).isEmpty();
  }
}
