package org.modelevolution.reproduction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReadAndTokeniseTest {
  private static long fields(String csv) throws IOException {
    return ReadAndTokenise.tokenise(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void countsFieldEndsOutsideQuotes() throws IOException {
    assertThat(fields("a,b\n1,2\n")).isEqualTo(4);
    // a comma, a line break and a doubled quote inside a quoted field end nothing
    assertThat(fields("a,b\n\"x,\ny\"\"z\",2\n")).isEqualTo(4);
  }
}
