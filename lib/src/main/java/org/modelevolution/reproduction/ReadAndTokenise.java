package org.modelevolution.reproduction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The baseline of the analysis benchmark: the least any reader of the inputs does. Every byte is
 * read once and CSV is split into fields (quotes respected, nothing decoded, nothing kept, no
 * hash); a zip's members are inflated and split alike; other files (JSON, SQLite) are only read.
 * The load is measured against this pass over the same files on as many threads, in the same
 * process, so that the ratio does not depend on how busy the machine is.
 */
final class ReadAndTokenise {
  private static final int BUFFER = 1 << 20;

  private ReadAndTokenise() {}

  /** Tokenises {@code files} on one thread per core, longest first; returns the wall milliseconds. */
  static long sideBySide(List<Path> files) {
    List<Path> longestFirst = files.stream().sorted(Comparator.comparingLong(ReadAndTokenise::size).reversed())
        .toList();
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    long start = System.nanoTime();
    long fields = 0;
    try {
      List<Future<Long>> counts = longestFirst.stream().map(f -> pool.submit(() -> fields(f))).toList();
      for (Future<Long> count : counts) {
        fields += count.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("baseline pass failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.err.println("baseline: " + fields + " fields and records in " + files.size() + " files");
    return millis;
  }

  /** The number of CSV field ends in {@code file} (0 for a file that is only read). */
  static long fields(Path file) throws IOException {
    String name = file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file)) {
      if (name.endsWith(".zip")) {
        long fields = 0;
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
          fields += entry.getName().endsWith(".csv") ? tokenise(zip) : readOnly(zip);
        }
        return fields;
      }
      return name.endsWith(".csv") ? tokenise(in) : readOnly(in);
    }
  }

  /** Splits RFC 4180 CSV: a comma or line break outside quotes ends a field. */
  static long tokenise(InputStream in) throws IOException {
    byte[] buffer = new byte[BUFFER];
    boolean quoted = false;
    long fields = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      for (int i = 0; i < n; i++) {
        byte c = buffer[i];
        if (c == '"') {
          quoted = !quoted; // a doubled quote toggles twice
        } else if (!quoted && (c == ',' || c == '\n')) {
          fields++;
        }
      }
    }
    return fields;
  }

  private static long readOnly(InputStream in) throws IOException {
    byte[] buffer = new byte[BUFFER];
    while (in.read(buffer) >= 0) {
      // read only
    }
    return 0;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
