package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;

/** The mapped reader agrees with the Jackson reader on the dialect's corner cases. */
class MappedCsvTest {
  @TempDir Path dir;

  @Test
  void quotedNewlinesDoubledQuotesCrlfAndShortRowsReadLikeJackson() throws IOException {
    String csv = "repo_url,message,all_files_in_tree\r\n"
        + "a/b,\"line one\nline \"\"two\"\", with comma\",x.bin;d/y.txt\r\n"
        + "c/d,plain,\n"
        + "e/f,Zoë,\"p,q.safetensors\"\n"
        + "g/h,short\n";
    Path file = dir.resolve("t.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    List<String> columns = List.of("all_files_in_tree", "repo_url", "message");
    List<List<String>> mapped = new ArrayList<>();
    String mappedSha = MappedCsv.forEach(file, columns, (r, index) ->
        mapped.add(List.of(r.string(index[0]), r.string(index[1]), r.string(index[2]))));
    List<List<String>> jackson = new ArrayList<>();
    String jacksonSha = CsvColumns.forEach(file, columns, v -> jackson.add(List.of(v)));
    assertThat(mapped).isEqualTo(jackson).hasSize(4);
    assertThat(mapped.get(0).get(2)).isEqualTo("line one\nline \"two\", with comma");
    assertThat(mapped.get(3)).containsExactly("", "g/h", "short");
    assertThat(mappedSha).isEqualTo(jacksonSha).isEqualTo(Sha256.of(file));
  }

  @Test
  void anUnterminatedQuoteIsReported() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "a,b\n1,\"never closed\n");
    assertThatThrownBy(() -> MappedCsv.forEach(file, List.of("a"), (r, i) -> {}))
        .isInstanceOf(StudyDataException.class).hasMessageContaining("unterminated");
  }

  @Test
  void treeScanFindsModelFilesAndTheRootPytorchWeights() throws IOException {
    Path file = dir.resolve("tree.csv");
    Files.writeString(file, "t\nREADME.md;pytorch_model.bin;sub/pytorch_model.bin\nsub/pytorch_model.bin;.bin;a.b/c\n");
    List<boolean[]> flags = new ArrayList<>();
    MappedCsv.forEach(file, List.of("t"), (r, i) -> flags.add(TreeScan.flags(r, r.start[i[0]], r.end[i[0]])));
    assertThat(flags.get(0)).containsExactly(true, true);
    assertThat(flags.get(1)).containsExactly(true, false);
  }
}
