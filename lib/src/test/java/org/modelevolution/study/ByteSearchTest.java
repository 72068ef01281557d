package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ByteSearch} finds what a byte-by-byte loop finds, at every alignment and with bytes of every value. */
class ByteSearchTest {
  @Test
  void agreesWithAByteLoop() {
    Random random = new Random(24);
    byte[] alphabet = {',', '\n', ';', '"', 'a', '"', (byte) 0xAC, (byte) 0x8A, (byte) 0xBB, (byte) 0xFF, 0, 0x7F};
    for (int n = 0; n < 5_000; n++) {
      byte[] bytes = new byte[random.nextInt(n % 2 == 0 ? 40 : 200)];
      int sparse = 1 + random.nextInt(30);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(sparse) == 0 ? alphabet[random.nextInt(4)] : alphabet[4 + random.nextInt(alphabet.length - 4)];
      }
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int to = from + random.nextInt(bytes.length - from + 1);
      assertThat(ByteSearch.fieldEnd(bytes, from, to)).isEqualTo(loop(bytes, from, to, (byte) ',', (byte) '\n'));
      assertThat(ByteSearch.indexOf(bytes, (byte) ';', from, to)).isEqualTo(loop(bytes, from, to, (byte) ';', (byte) ';'));
      assertThat(ByteSearch.indexOf(bytes, (byte) 0xAC, from, to))
          .isEqualTo(loop(bytes, from, to, (byte) 0xAC, (byte) 0xAC));
      int quote = loop(bytes, from, to, (byte) '"', (byte) '"');
      long found = ByteSearch.quote(bytes, from, to);
      assertThat((int) found).isEqualTo(quote);
      assertThat(found >>> 32).as("line feeds before the quote").isEqualTo(count(bytes, from, quote, (byte) '\n'));
    }
  }

  private static long count(byte[] bytes, int from, int to, byte value) {
    long n = 0;
    for (int i = from; i < to; i++) {
      n += bytes[i] == value ? 1 : 0;
    }
    return n;
  }

  private static int loop(byte[] bytes, int from, int to, byte a, byte b) {
    int i = from;
    while (i < to && bytes[i] != a && bytes[i] != b) {
      i++;
    }
    return i;
  }
}
