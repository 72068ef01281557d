package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The emulated argsort puts equal keys in exactly numpy's order. The expected orders were written
 * by numpy 1.24.2 itself ({@code numpy-argsort/make_cases.py}, Debian bookworm): arrays with many
 * ties, sorted, reversed, organ-pipe and runs of ties, across the insertion-sort threshold, and two
 * adversarial inputs (McIlroy's antiqsort) that reach the depth limit and its heapsort fallback.
 */
class NumpyArgsortTest {

  @Test
  void equalKeysComeOutInNumpysOrder() throws IOException {
    List<String> lines;
    try (InputStream in = NumpyArgsortTest.class.getResourceAsStream("/numpy-argsort/cases.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
    }
    assertThat(lines).hasSizeGreaterThan(100);
    int withTies = 0;
    for (String line : lines) {
      String[] halves = line.split("\\|", -1);
      String[] head = halves[0].trim().split(" ");
      int n = Integer.parseInt(head[1]);
      long[] values = Arrays.stream(head).skip(2).mapToLong(Long::parseLong).toArray();
      int[] expected = halves[1].isBlank() ? new int[0] : Arrays.stream(halves[1].trim().split(" ")).mapToInt(Integer::parseInt).toArray();
      assertThat(values).hasSize(n);
      int[] actual = head[0].equals("quicksort") ? NumpyArgsort.quicksort(values) : NumpyArgsort.heapsort(values);
      assertThat(actual).as("%s of %s", head[0], halves[0]).containsExactly(expected);
      if (Arrays.stream(values).distinct().count() < n) {
        withTies++;
      }
    }
    assertThat(withTies).as("cases where the order of equal keys is decided").isGreaterThan(50);
  }

  @Test
  void theDepthLimitIsTwiceTheHighestBit() {
    assertThat(NumpyArgsort.msb(0)).isZero();
    assertThat(NumpyArgsort.msb(1)).isZero();
    assertThat(NumpyArgsort.msb(16)).isEqualTo(4);
    assertThat(NumpyArgsort.msb(521_012)).isEqualTo(18);
  }
}
