package org.modelevolution.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The study-schema tables of an output folder, by name, as bytes. */
final class PipelineFiles {
  private PipelineFiles() {}

  static Map<Path, byte[]> snapshot(Path out) {
    Map<Path, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(out)) {
      for (Path p : (Iterable<Path>) list.filter(Files::isRegularFile)::iterator) {
        files.put(p.getFileName(), Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
