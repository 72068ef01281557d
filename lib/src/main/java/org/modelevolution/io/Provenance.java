package org.modelevolution.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a step read and wrote: each file as a path relative to a base folder (never absolute, so
 * the record is the same on every machine) with its SHA-256 and size, sorted by path. An input
 * may carry a short note (e.g. {@code (not pinned)}) that {@link #render()} prints after its path.
 */
public final class Provenance {
  /** One file seen by a step. */
  public record FileDigest(String path, String sha256, long bytes) {}

  private final Path base;
  private final TreeMap<String, FileDigest> inputs = new TreeMap<>();
  private final TreeMap<String, FileDigest> outputs = new TreeMap<>();
  private final TreeMap<String, String> notes = new TreeMap<>();
  private final TreeMap<String, String> outputNotes = new TreeMap<>();

  public Provenance(Path base) {
    this.base = Objects.requireNonNull(base).toAbsolutePath().normalize();
  }

  public Provenance read(Path file) {
    FileDigest digest = digest(file);
    inputs.put(digest.path(), digest);
    return this;
  }

  /** Records {@code file} as read under {@code name}, for files that do not lie under the base. */
  public Provenance read(Path file, String name) {
    FileDigest digest = digest(file);
    inputs.put(name, new FileDigest(name, digest.sha256(), digest.bytes()));
    return this;
  }

  /**
   * Records a file that was read and digested elsewhere (e.g. hashed while it streamed, so that a
   * large input is not read twice), under {@code path} relative to the base; a non-empty
   * {@code note} is printed after the path by {@link #render()}.
   */
  public Provenance read(String path, String sha256, long bytes, String note) {
    inputs.put(path, new FileDigest(path, sha256, bytes));
    if (note.isEmpty()) {
      notes.remove(path);
    } else {
      notes.put(path, note);
    }
    return this;
  }

  public Provenance wrote(Path file) {
    return wrote(file, "");
  }

  /** Records an output with a note printed after its path (e.g. that it is not committed). */
  public Provenance wrote(Path file, String note) {
    FileDigest digest = digest(file);
    outputs.put(digest.path(), digest);
    if (note.isEmpty()) {
      outputNotes.remove(digest.path());
    } else {
      outputNotes.put(digest.path(), note);
    }
    return this;
  }

  public List<FileDigest> inputs() {
    return List.copyOf(inputs.values());
  }

  public List<FileDigest> outputs() {
    return List.copyOf(outputs.values());
  }

  /**
   * A deterministic text form: {@code read|wrote <tab> sha256 <tab> bytes <tab> path}, inputs then
   * outputs, each sorted by path; a note follows its path after two spaces.
   */
  public String render() {
    List<String> lines = new ArrayList<>();
    inputs.values().forEach(d -> lines.add(line("read", d, notes.getOrDefault(d.path(), ""))));
    outputs.values().forEach(d -> lines.add(line("wrote", d, outputNotes.getOrDefault(d.path(), ""))));
    return String.join("\n", lines) + (lines.isEmpty() ? "" : "\n");
  }

  private static String line(String verb, FileDigest d, String note) {
    return verb + "\t" + d.sha256() + "\t" + d.bytes() + "\t" + d.path() + (note.isEmpty() ? "" : "  " + note);
  }

  private FileDigest digest(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    String relative = base.relativize(absolute).toString().replace('\\', '/');
    return new FileDigest(relative, AtomicFiles.sha256(absolute), absolute.toFile().length());
  }

  static Comparator<FileDigest> byPath() {
    return Comparator.comparing(FileDigest::path);
  }
}
