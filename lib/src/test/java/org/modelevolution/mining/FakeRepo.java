package org.modelevolution.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A model repository of the fake Hub as the test describes it: metadata and commits made of file
 * operations on real corpus files. Model files can be stored through Git LFS (the git blob is a
 * pointer, the content lives on the fake CDN) or directly in git.
 */
final class FakeRepo {
  final String id;
  final Instant createdAt;
  final Instant lastModified;
  String gated = "false";
  /**
   * Gated after the selection listed it: its git and resolve endpoints now answer only requests
   * carrying {@link FakeHub#TOKEN} (a user who accepted the terms), as the Hub serves gated files.
   */
  boolean tokenOnly;
  final List<Spec> commits = new ArrayList<>();

  /** One file of a tree: mode, the bytes git stores and, for LFS files, the real content. */
  record Blob(boolean symlink, byte[] gitBytes, byte[] content, boolean lfs) {}

  /** A commit as described: who, when, what. */
  record Spec(String author, Instant date, String message, List<Op> ops) {}

  interface Op {}

  record Put(String path, Blob blob) implements Op {}

  record Delete(String path) implements Op {}

  record Rename(String from, String to) implements Op {}

  record Link(String path, String target) implements Op {}

  FakeRepo(String id, String createdAt, String lastModified) {
    this.id = id;
    this.createdAt = Instant.parse(createdAt);
    this.lastModified = Instant.parse(lastModified);
  }

  FakeRepo tokenOnly() {
    this.tokenOnly = true;
    return this;
  }

  FakeRepo gated(String value) {
    this.gated = value;
    return this;
  }

  FakeRepo commit(String author, String date, String message, Op... ops) {
    commits.add(new Spec(author, Instant.parse(date), message, List.of(ops)));
    return this;
  }

  static Op lfs(String path, Path corpusFile) {
    byte[] content = read(corpusFile);
    String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + FakeHub.sha256(content)
        + "\nsize " + content.length + "\n";
    return new Put(path, new Blob(false, pointer.getBytes(StandardCharsets.UTF_8), content, true));
  }

  static Op git(String path, Path corpusFile) {
    byte[] content = read(corpusFile);
    return new Put(path, new Blob(false, content, content, false));
  }

  static Op text(String path, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new Put(path, new Blob(false, bytes, bytes, false));
  }

  static Op delete(String path) {
    return new Delete(path);
  }

  static Op rename(String from, String to) {
    return new Rename(from, to);
  }

  static Op link(String path, String target) {
    return new Link(path, target);
  }

  /** Applies a commit's operations to a tree state. */
  static TreeMap<String, Blob> apply(TreeMap<String, Blob> before, Spec spec) {
    TreeMap<String, Blob> after = new TreeMap<>(before);
    for (Op op : spec.ops()) {
      if (op instanceof Put put) {
        after.put(put.path(), put.blob());
      } else if (op instanceof Delete delete) {
        after.remove(delete.path());
      } else if (op instanceof Rename rename) {
        after.put(rename.to(), after.remove(rename.from()));
      } else if (op instanceof Link link) {
        byte[] target = link.target().getBytes(StandardCharsets.UTF_8);
        after.put(link.path(), new Blob(true, target, target, false));
      }
    }
    return after;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
