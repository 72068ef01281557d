package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The packed key set answers exactly as a HashSet of the same strings. */
class FileKeysTest {
  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

  @Test
  void equalStringsOnlyAcrossEncodings() {
    FileKeys keys = new FileKeys();
    assertThat(keys.add("a/x/model.bin&&" + HASH)).isTrue();
    assertThat(keys.add("a/x/model.bin&&" + HASH)).isFalse();
    assertThat(keys.contains("a/x/model.bin&&" + HASH)).isTrue();
    // the same characters with an upper-case hash, a shorter hash, another separator: other keys
    assertThat(keys.contains("a/x/model.bin&&" + HASH.toUpperCase())).isFalse();
    assertThat(keys.contains("a/x/model.bin&&" + HASH.substring(1))).isFalse();
    assertThat(keys.contains("a/x/model.bin&" + HASH)).isFalse();
    // characters beyond U+00FF, and strings with equal hash codes ("Aa" and "BB")
    assertThat(keys.add("a/ü/模型.bin&&c1")).isTrue();
    assertThat(keys.contains("a/ü/模型.bin&&c1")).isTrue();
    assertThat(keys.contains("a/ü/模型.bin&&c2")).isFalse();
    assertThat(keys.add("Aa")).isTrue();
    assertThat(keys.contains("BB")).isFalse();
    assertThat(keys.add("BB")).isTrue();
    assertThat(keys.remove("Aa")).isTrue();
    assertThat(keys.contains("Aa")).isFalse();
    assertThat(keys.contains("BB")).isTrue();
    assertThat(keys.add("Aa")).isTrue();
    assertThat(keys.size()).isEqualTo(4);
  }

  @Test
  void agreesWithAHashSetOverManyAddsAndRemoves() {
    Random random = new Random(23);
    FileKeys keys = new FileKeys();
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      String key = "r" + random.nextInt(500) + "/f" + random.nextInt(40) + (random.nextBoolean() ? "&&" + HASH
          : random.nextBoolean() ? "&&c" + random.nextInt(9) : "é");
      if (random.nextInt(5) == 0) {
        assertThat(keys.remove(key)).isEqualTo(expected.remove(key));
      } else {
        assertThat(keys.add(key)).isEqualTo(expected.add(key));
      }
      String probe = "r" + random.nextInt(500) + "/f" + random.nextInt(40) + "&&" + HASH;
      assertThat(keys.contains(probe)).isEqualTo(expected.contains(probe));
    }
    assertThat(keys.size()).isEqualTo(expected.size());
  }

  @Test
  void aLookupFromTheBytesOfAnAsciiPathAnswersLikeContains() {
    Random random = new Random(25);
    FileKeys keys = new FileKeys();
    String[] commits = {HASH, HASH.toUpperCase(), HASH.substring(1), "c1", "", "&&" + HASH.substring(2), "a&&" + HASH};
    Set<String> added = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      String key = "r" + random.nextInt(50) + "/f" + random.nextInt(20) + "&&" + commits[random.nextInt(commits.length)];
      keys.add(key);
      added.add(key);
    }
    keys.add("&&" + HASH); // the empty path
    FileKeys.Lookup lookup = keys.lookup();
    for (int i = 0; i < 20_000; i++) {
      String path = i == 0 ? "" : "r" + random.nextInt(60) + "/f" + random.nextInt(25);
      String commit = commits[random.nextInt(commits.length)];
      byte[] row = ("xx," + path + ",yy").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(FileKeys.isAscii(row, 3, 3 + path.length())).isTrue();
      assertThat(lookup.containsAscii(row, 3, 3 + path.length(), commit)).as(path + "&&" + commit)
          .isEqualTo(keys.contains(path + "&&" + commit));
    }
    assertThat(FileKeys.isAscii("aé".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 3)).isFalse();
  }

  @Test
  void addAllMergesSetsAndLookupsAnswerLikeContains() {
    Random random = new Random(24);
    FileKeys first = new FileKeys();
    FileKeys second = new FileKeys();
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String key = "r" + random.nextInt(300) + "/f" + random.nextInt(30) + (random.nextBoolean() ? "&&" + HASH : "ü");
      (i % 2 == 0 ? first : second).add(key);
      expected.add(key);
    }
    second.remove(second.contains("r1/f1ü") ? "r1/f1ü" : "none"); // a removed slot is skipped
    first.addAll(second);
    FileKeys.Lookup lookup = first.lookup();
    for (int i = 0; i < 20_000; i++) {
      String probe = "r" + random.nextInt(300) + "/f" + random.nextInt(30) + (random.nextBoolean() ? "&&" + HASH : "ü");
      boolean inFirst = first.contains(probe);
      assertThat(lookup.contains(probe)).isEqualTo(inFirst);
      if (!probe.equals("r1/f1ü")) {
        assertThat(inFirst).as(probe).isEqualTo(expected.contains(probe));
      }
    }
  }
}
