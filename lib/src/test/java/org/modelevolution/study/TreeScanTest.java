package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.modelevolution.formats.ModelFiles;

/** {@link TreeScan} on bytes answers as the study's suffix rule on the decoded listing does. */
class TreeScanTest {
  private static final List<String> PARTS = List.of("a", "model", "pytorch_model", ".", "..", "/", "bin", "safetensors",
      "gguf", "ts", "x.y", "é", "ckpt", "tar", "pb", "BIN", "", "longer_than_any_extension");

  @Test
  void agreesWithTheSuffixRuleOnRandomListings() {
    Random random = new Random(24);
    for (int n = 0; n < 20_000; n++) {
      List<String> entries = new ArrayList<>();
      int count = random.nextInt(5);
      for (int e = 0; e < count; e++) {
        StringBuilder entry = new StringBuilder();
        for (int p = random.nextInt(5); p >= 0; p--) {
          entry.append(PARTS.get(random.nextInt(PARTS.size())));
        }
        entries.add(random.nextInt(8) == 0 ? "pytorch_model.bin" : entry.toString());
      }
      String tree = String.join(";", entries);
      assertThat(scan(tree)).as(tree).containsExactly(expected(tree));
    }
  }

  @Test
  void namesThatStartWithTheirDotOrEndWithItHaveNoSuffix() {
    assertThat(scan(".bin;dir/.safetensors;model.;a/b.")).containsExactly(false, false);
    assertThat(scan("x;dir/model.safetensors;y")).containsExactly(true, false);
    assertThat(scan("dir/pytorch_model.bin")).containsExactly(true, false);
    assertThat(scan("README.md;pytorch_model.bin")).containsExactly(true, true);
  }

  private static boolean[] scan(String tree) {
    byte[] bytes = ("xx," + tree + ",yy").getBytes(StandardCharsets.UTF_8);
    int from = 3;
    return TreeScan.flags(bytes, from, bytes.length - 3);
  }

  private static boolean[] expected(String tree) {
    boolean model = false;
    boolean root = false;
    int start = 0;
    while (start <= tree.length() && !tree.isEmpty()) {
      int end = tree.indexOf(';', start);
      end = end < 0 ? tree.length() : end;
      model |= ModelFiles.isStudyModelFile(tree, start, end);
      root |= tree.substring(start, end).equals("pytorch_model.bin");
      start = end + 1;
    }
    return new boolean[] {model, root};
  }
}
