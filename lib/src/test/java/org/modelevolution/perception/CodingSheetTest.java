package org.modelevolution.perception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodingSheetTest {
  static final String Q1 = "{\"item_type\":\"question\",\"question_id\":1,\"creation_date\":100,\"title\":\"a\"}";
  static final String A1 = "{\"item_type\":\"answer\",\"question_id\":1,\"creation_date\":200,\"body\":\"b\"}";

  @Test
  void exportedSheetReadsBackAndAppliesToTheCoding(@TempDir Path dir) {
    Coding coding = new Coding(List.of(new CodedPost(7, "StackOverflow", Q1, null, "", List.of())),
        List.of(new Concept(3, "Model Formats", "", List.of())), List.of());
    Path sheet = CodingSheet.export(List.of(
        new CodingSheet.Row(1, "0.5", true, PostKey.ofJson(Q1), 7L, "Stack Overflow", "question", "u", "a, \"quoted\"",
            "multi\nline", null, List.of(), ""),
        new CodingSheet.Row(2, "0.4", true, PostKey.ofJson(A1), null, "Stack Overflow", "answer", "u", "a", "b", null,
            List.of(), ""),
        new CodingSheet.Row(3, "0.0", false, "answer:9:9", null, "Stack Overflow", "answer", "u", "c", "d", null,
            List.of(), "")), dir.resolve("sheet.csv"));
    // a coder fills in the first two rows and leaves the third alone
    List<String> lines = new java.util.ArrayList<>(readLines(sheet));
    String header = lines.get(0);
    assertThat(header).isEqualTo(String.join(",", CodingSheet.COLUMNS));
    String filled = String.join("\n", lines).replace(",\"multi\nline\",,,", ",\"multi\nline\",yes,Model Formats; Loading ,looks right")
        .replace(",a,b,,,", ",a,b,0,,off topic");
    writeString(sheet, filled + "\n");

    List<CodingSheet.Label> labels = CodingSheet.read(sheet);
    assertThat(labels).containsExactly(
        new CodingSheet.Label("question:1:100", 7L, true, List.of("Model Formats", "Loading"), "looks right"),
        new CodingSheet.Label("answer:1:200", null, false, List.of(), "off topic"));

    Coding applied = CodingSheet.apply(coding, labels, Map.of("answer:1:200", new CodingSheet.PostDraft("StackOverflow", A1)));
    assertThat(applied.posts()).extracting(CodedPost::id).containsExactly(7L, 8L);
    assertThat(applied.posts().get(0).conceptIds()).containsExactly(3L, 4L);
    assertThat(applied.conceptNamed("Loading").orElseThrow().id()).isEqualTo(4);
    assertThat(applied.posts().get(1).isTruePositive()).isFalse();
    assertThat(applied.posts().get(1).comments()).isEqualTo("off topic");
  }

  @Test
  void reportsTheRowOfABadVerdictAndUnknownPosts(@TempDir Path dir) {
    Path sheet = dir.resolve("bad.csv");
    writeString(sheet, String.join(",", CodingSheet.COLUMNS) + "\n1,0.1,1,question:1:100,,s,question,u,t,x,maybe,,\n");
    assertThatThrownBy(() -> CodingSheet.read(sheet)).hasMessageContaining("row 2").hasMessageContaining("maybe");

    Coding empty = new Coding(List.of(), List.of(), List.of());
    List<CodingSheet.Label> labels = List.of(new CodingSheet.Label("question:5:5", null, true, List.of(), ""));
    assertThatThrownBy(() -> CodingSheet.apply(empty, labels, Map.of())).hasMessageContaining("question:5:5");
  }

  static List<String> readLines(Path file) {
    try {
      return List.of(Files.readString(file).split("\n(?=[0-9]+,|rank,)"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
