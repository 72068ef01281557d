package org.modelevolution.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over the corpus files, run for {@code fuzz.seconds} (default 20) in the
 * normal build. Each mutant is detected from memory through a source that records every request;
 * the test fails on any exception (also one a rule caught internally), any read outside the file, a {@code bytesRead} that disagrees
 * with the source, or a detection that allocates more than a fixed bound (so nothing is allocated
 * in proportion to a declared size: mutants declare sizes up to 2^64).
 */
class MutationFuzzTest {
  private static final long SEED = 20_240_922L;
  /** Per-detection allocation bound: windows (≤ 1 MiB each), decoders (xz/lzma ≤ 72 MiB), buffers. */
  private static final long ALLOCATION_BOUND = 96L << 20;
  private static final long[] INTERESTING = {
    0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFFL, 0xFFFFFFFFL, 0x100000000L, Long.MAX_VALUE, -1L, Long.MIN_VALUE
  };

  @Test
  void mutantsNeverBreakTheDetector() throws IOException {
    List<byte[]> seeds = seeds();
    Detector[] detectors = {Detector.withDefaults(), new Detector(DetectorOptions.defaults().withScanPickles(false))};
    Random random = new Random(SEED);
    long deadline = System.nanoTime() + (long) (Double.parseDouble(System.getProperty("fuzz.seconds", "20")) * 1e9);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<String> failures = new ArrayList<>();
    int runs = 0;
    long maxAllocated = 0;
    while (System.nanoTime() < deadline && failures.size() < 5) {
      byte[] mutant = mutate(seeds, random);
      CheckingSource source = new CheckingSource(new ByteArraySource("mutant-" + runs, mutant));
      long before = threads.getCurrentThreadAllocatedBytes();
      Detection d;
      try {
        d = detectors[runs % 2].detect(source);
      } catch (Throwable t) {
        failures.add("run " + runs + ": " + t);
        continue;
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      maxAllocated = Math.max(maxAllocated, allocated);
      if (source.violation != null) {
        failures.add("run " + runs + ": " + source.violation);
      }
      for (Evidence e : d.evidence()) {
        if (e.seen().startsWith(Detector.INTERNAL_ERROR)) {
          failures.add("run " + runs + ": " + e.seen());
        }
      }
      if (d.bytesRead() != source.bytesRead()) {
        failures.add("run " + runs + ": bytesRead " + d.bytesRead() + " but the source delivered " + source.bytesRead());
      }
      if (allocated > ALLOCATION_BOUND) {
        failures.add("run " + runs + ": allocated " + allocated + " bytes for a " + mutant.length + "-byte input (" + d.format() + ")");
      }
      runs++;
    }
    System.out.printf("fuzz: %d mutants, max allocation per detection %d KiB%n", runs, maxAllocated >> 10);
    assertThat(failures).isEmpty();
    assertThat(runs).isPositive();
  }

  private static List<byte[]> seeds() throws IOException {
    Path root = Corpus.root();
    List<byte[]> seeds = new ArrayList<>();
    for (Corpus.Label label : Corpus.labels()) {
      Path file = root.resolve(label.path());
      if (Files.size(file) <= 512 * 1024) {
        seeds.add(Files.readAllBytes(file));
      }
    }
    return seeds;
  }

  static byte[] mutate(List<byte[]> seeds, Random random) {
    byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations; m++) {
      if (data.length == 0) {
        data = new byte[] {(byte) random.nextInt(256)};
      }
      int at = random.nextInt(data.length);
      switch (random.nextInt(7)) {
        case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> data[at] = (byte) random.nextInt(256);
        case 2 -> { // an interesting little-endian integer, as a length field would hold it
          long v = INTERESTING[random.nextInt(INTERESTING.length)];
          int width = new int[] {1, 2, 4, 8}[random.nextInt(4)];
          for (int i = 0; i < width && at + i < data.length; i++) {
            data[at + i] = (byte) (v >>> (8 * i));
          }
        }
        case 3 -> data = java.util.Arrays.copyOf(data, at); // truncate
        case 4 -> { // duplicate a chunk
          int len = Math.min(data.length - at, 1 + random.nextInt(64));
          byte[] out = new byte[data.length + len];
          System.arraycopy(data, 0, out, 0, at + len);
          System.arraycopy(data, at, out, at + len, data.length - at);
          data = out;
        }
        case 5 -> { // splice the tail of another seed
          byte[] other = seeds.get(random.nextInt(seeds.size()));
          int from = other.length == 0 ? 0 : random.nextInt(other.length);
          byte[] out = java.util.Arrays.copyOf(data, at + (other.length - from));
          System.arraycopy(other, from, out, at, other.length - from);
          data = out;
        }
        default -> { // delete a chunk
          int len = Math.min(data.length - at, 1 + random.nextInt(64));
          byte[] out = new byte[data.length - len];
          System.arraycopy(data, 0, out, 0, at);
          System.arraycopy(data, at + len, out, at, data.length - at - len);
          data = out;
        }
      }
    }
    return data;
  }

  /** Records the first request outside the file and counts delivered bytes. */
  private static final class CheckingSource implements ByteSource {
    private final ByteSource inner;
    String violation;

    CheckingSource(ByteSource inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public long size() throws IOException {
      return inner.size();
    }

    @Override
    public int read(long offset, byte[] target, int targetOffset, int length) throws IOException {
      long size = inner.size();
      if (violation == null && (offset < 0 || length < 0 || offset + length > size)) {
        violation = "read of " + length + " bytes at " + offset + " in a " + size + "-byte file";
      }
      return inner.read(offset, target, targetOffset, length);
    }

    @Override
    public long bytesRead() {
      return inner.bytesRead();
    }
  }
}
