package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ByteSearch} finds what a byte-by-byte loop finds, at every alignment and with bytes of every value. */
class ByteSearchTest {
  @Test
  void agreesWithAByteLoop() {
    Random random = new Random(24);
    byte[] alphabet = {',', '\n', ';', 'a', '"', (byte) 0xAC, (byte) 0x8A, (byte) 0xBB, (byte) 0xFF, 0, 0x7F};
    for (int n = 0; n < 5_000; n++) {
      byte[] bytes = new byte[random.nextInt(40)];
      int sparse = 1 + random.nextInt(30);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(sparse) == 0 ? alphabet[random.nextInt(3)] : alphabet[3 + random.nextInt(alphabet.length - 3)];
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int to = from + random.nextInt(bytes.length - from + 1);
      assertThat(ByteSearch.fieldEnd(bytes, from, to)).isEqualTo(loop(bytes, from, to, (byte) ',', (byte) '\n'));
      assertThat(ByteSearch.indexOf(bytes, (byte) ';', from, to)).isEqualTo(loop(bytes, from, to, (byte) ';', (byte) ';'));
      assertThat(ByteSearch.indexOf(bytes, (byte) 0xAC, from, to))
          .isEqualTo(loop(bytes, from, to, (byte) 0xAC, (byte) 0xAC));
    }
  }

  private static int loop(byte[] bytes, int from, int to, byte a, byte b) {
    int i = from;
    while (i < to && bytes[i] != a && bytes[i] != b) {
      i++;
    }
    return i;
  }
}
