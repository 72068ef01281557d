package org.modelevolution.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that a reader, or a process restarted after a crash, sees either the old
 * content or the new one, never a half-written file: write a sibling temporary file, force it
 * to disk, then rename it over the target.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

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
    Path parent = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path temp = parent.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        // CREATE_NEW without file attributes: the file gets the umask's permissions (createTempFile
        // would make every output 0600, unreadable to the rest of a shared group).
        try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
          content.writeTo(out);
          out.flush();
          channel.force(true);
        }
        move(temp, target);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw IoErrors.unchecked("cannot write " + target, e);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
