package org.modelevolution.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a step read and wrote: each file as a path relative to a base folder (never absolute, so
 * the record is the same on every machine) with its SHA-256 and size, sorted by path.
 */
public final class Provenance {
  /** One file seen by a step. */
  public record FileDigest(String path, String sha256, long bytes) {}

  private final Path base;
  private final TreeMap<String, FileDigest> inputs = new TreeMap<>();
  private final TreeMap<String, FileDigest> outputs = new TreeMap<>();

  public Provenance(Path base) {
    this.base = Objects.requireNonNull(base).toAbsolutePath().normalize();
  }

  public Provenance read(Path file) {
    FileDigest digest = digest(file);
    inputs.put(digest.path(), digest);
    return this;
  }

  public Provenance wrote(Path file) {
    FileDigest digest = digest(file);
    outputs.put(digest.path(), digest);
    return this;
  }

  public List<FileDigest> inputs() {
    return List.copyOf(inputs.values());
  }

  public List<FileDigest> outputs() {
    return List.copyOf(outputs.values());
  }

  /** A deterministic text form: {@code read|wrote <tab> sha256 <tab> bytes <tab> path}, sorted. */
  public String render() {
    List<String> lines = new ArrayList<>();
    inputs.values().forEach(d -> lines.add(line("read", d)));
    outputs.values().forEach(d -> lines.add(line("wrote", d)));
    return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
  }

  private static String line(String verb, FileDigest d) {
    return verb + "\t" + d.sha256() + "\t" + d.bytes() + "\t" + d.path();
  }

  private FileDigest digest(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    String relative = base.relativize(absolute).toString().replace('\\', '/');
    return new FileDigest(relative, Sha256.of(absolute), absolute.toFile().length());
  }

  static Comparator<FileDigest> byPath() {
    return Comparator.comparing(FileDigest::path);
  }
}
