package org.modelevolution.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files so that a reader, or a process restarted after a crash, sees either the old
 * content or the new one, never a half-written file: write a sibling temporary file, force it
 * to disk, then rename it over the target.
 *
 * <p>Inside a {@link Batch} (a folder that its owner publishes as a whole, see
 * {@link ReplacedFolder}) a file is not forced on its own: {@link Batch#force()} forces every file
 * of the batch at once before the folder is published, which lets the file system commit them in
 * a few journal transactions instead of one each (200 files: about 0.05 s instead of 0.5 s on this
 * machine's ext4). A file of a batch is also hashed as it is written, so that provenance records
 * ({@link #sha256(Path)}) do not read it back.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The open batches by folder (absolute, normalised). */
  private static final Map<Path, Batch> BATCHES = new ConcurrentHashMap<>();

  private AtomicFiles() {}

  /** Something that writes a whole file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }

  public static void write(Path target, Content content) {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Batch batch = batchOf(absolute);
    try {
      Files.createDirectories(parent);
      Path temp = parent.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        MessageDigest digest = batch == null ? null : Sha256.digest();
        // CREATE_NEW without file attributes: the file gets the umask's permissions (createTempFile
        // would make every output 0600, unreadable to the rest of a shared group).
        try (var channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream file = java.nio.channels.Channels.newOutputStream(channel);
            OutputStream out = digest == null ? file : new DigestOutputStream(file, digest)) {
          content.writeTo(out);
          out.flush();
          if (batch == null) {
            channel.force(true);
          }
        }
        move(temp, absolute);
        if (batch != null) {
          batch.written(absolute, HexFormat.of().formatHex(digest.digest()));
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw IoErrors.unchecked("cannot write " + target, e);
    }
  }

  /**
   * The SHA-256 of {@code file}: the digest taken while a batch wrote it, when the file is still
   * the one written (same file, size and modification time), else read from the file.
   */
  public static String sha256(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Batch batch = batchOf(absolute);
    if (batch != null) {
      Written written = batch.files.get(absolute);
      if (written != null && written.matches(attributes(absolute))) {
        return written.sha256();
      }
    }
    return Sha256.of(absolute);
  }

  /**
   * Opens a batch for the files to be written below {@code folder} (until {@link Batch#close()}):
   * they are hashed as written and forced to disk together by {@link Batch#force()}, which the
   * folder's owner must call before it publishes the folder.
   */
  public static Batch batch(Path folder) {
    Batch batch = new Batch(folder.toAbsolutePath().normalize());
    if (BATCHES.putIfAbsent(batch.folder, batch) != null) {
      throw new IllegalStateException("a batch is already open for " + batch.folder);
    }
    return batch;
  }

  /** Files written below one folder, forced to disk together; see {@link AtomicFiles#batch(Path)}. */
  public static final class Batch implements AutoCloseable {
    private final Path folder;
    private final Map<Path, Written> files = new ConcurrentHashMap<>();

    private Batch(Path folder) {
      this.folder = folder;
    }

    private void written(Path file, String sha256) throws IOException {
      files.put(file, new Written(sha256, Files.readAttributes(file, BasicFileAttributes.class)));
    }

    /**
     * Forces every file of the batch still in place to disk, side by side (the file system joins
     * concurrent forces into shared journal commits).
     */
    public void force() throws IOException {
      try {
        List.copyOf(files.keySet()).parallelStream().forEach(file -> {
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
          } catch (java.nio.file.NoSuchFileException e) {
            // removed since by its writer: nothing of it to publish
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
    }

    /** Ends the batch: later writes below the folder are forced one by one again. */
    @Override
    public void close() {
      BATCHES.remove(folder, this);
    }
  }

  /** A file as a batch wrote it: its digest, and what tells whether it changed since. */
  private record Written(String sha256, Object fileKey, long size, long modifiedNanos) {
    Written(String sha256, BasicFileAttributes attributes) {
      this(sha256, attributes.fileKey(), attributes.size(), attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    boolean matches(BasicFileAttributes attributes) {
      return attributes != null && Objects.equals(fileKey, attributes.fileKey()) && size == attributes.size()
          && modifiedNanos == attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  private static BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static Batch batchOf(Path absolute) {
    if (BATCHES.isEmpty()) {
      return null;
    }
    // the innermost batch, should one folder be written inside another's (its owner publishes it)
    Batch found = null;
    for (Batch batch : BATCHES.values()) {
      if (absolute.startsWith(batch.folder) && (found == null || batch.folder.startsWith(found.folder))) {
        found = batch;
      }
    }
    return found;
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
