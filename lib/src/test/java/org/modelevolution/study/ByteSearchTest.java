package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ByteSearch} finds what a byte-by-byte loop finds, at every alignment and with bytes of every value. */
class ByteSearchTest {
  @Test
  void agreesWithAByteLoop() {
    Random random = new Random(24);
    // besides the bytes sought: those one bit from them (0x01 and 0x80 apart: where a borrow or a high
    // bit could make a cheaper test see a match), 0, 0x7F, 0xFF
    byte[] alphabet = {',', '\n', ';', '"', 'a', '"', (byte) 0xAC, (byte) 0x8A, (byte) 0xBB, (byte) 0xFF, 0, 0x7F, '-',
        0x0B, ':', (byte) 0xAD, '+', 0x09, (byte) 0x2D};
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
      assertThat(ByteSearch.closingQuote(bytes, from, to)).isEqualTo(closingQuoteLoop(bytes, from, to));
    }
  }

  @Test
  void closingQuotePassesDoubledQuotesAcrossWordsAndStopsAtTheLastByte() {
    byte[] text = "ab\"\"cd\n\"\"\"\"x\nyz\"\"\"\n,\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int from = 0; from < 3; from++) {
      long found = ByteSearch.closingQuote(text, from, text.length);
      assertThat((int) found).isEqualTo(17); // the third quote of the run at 15-17
      assertThat(found >>> 32 & Integer.MAX_VALUE).isEqualTo(2);
      assertThat(found < 0).as("escaped").isTrue();
    }
    long last = ByteSearch.closingQuote(text, 18, text.length);
    assertThat((int) last).as("a quote in the last byte").isEqualTo(text.length - 1);
    assertThat(last >>> 32 & Integer.MAX_VALUE).isEqualTo(1);
    assertThat(last < 0).isFalse();
    byte[] pairs = "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat((int) ByteSearch.closingQuote(pairs, 0, pairs.length)).as("pairs only").isEqualTo(pairs.length);
    assertThat((int) ByteSearch.closingQuote(pairs, 1, pairs.length)).as("an odd run").isEqualTo(pairs.length - 1);
  }

  /** The quoted-field loop as it was, byte by byte: the closing quote, the line feeds before it, a pair passed. */
  private static long closingQuoteLoop(byte[] bytes, int from, int to) {
    long lines = 0;
    boolean escaped = false;
    int i = from;
    while (i < to) {
      if (bytes[i] == '"') {
        if (i + 1 < to && bytes[i + 1] == '"') {
          escaped = true;
          i += 2;
          continue;
        }
        break;
      }
      if (bytes[i] == '\n') {
        lines++;
      }
      i++;
    }
    return (escaped ? ByteSearch.ESCAPED : 0) | lines << 32 | i;
  }

  private static int loop(byte[] bytes, int from, int to, byte a, byte b) {
    int i = from;
    while (i < to && bytes[i] != a && bytes[i] != b) {
      i++;
    }
    return i;
  }
}
