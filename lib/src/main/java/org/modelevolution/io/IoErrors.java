package org.modelevolution.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason of an I/O failure in a few words ({@code missing}, {@code permission denied}, {@code No
 * space left on device} …), for messages that already name the file: Java's own messages of these
 * exceptions are often just the path again.
 */
public final class IoErrors {
  private IoErrors() {}

  public static String reason(IOException e) {
    String detail = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    String kind = e instanceof NoSuchFileException ? "missing"
        : e instanceof AccessDeniedException ? "permission denied"
        : e instanceof NotDirectoryException ? "not a folder"
        : e instanceof FileAlreadyExistsException ? "already exists"
        : e instanceof DirectoryNotEmptyException ? "folder not empty"
        : e instanceof FileSystemLoopException ? "symbolic link loop"
        : null;
    if (kind != null) {
      return detail == null || detail.isBlank() ? kind : kind + " (" + detail + ")";
    }
    if (detail == null || detail.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return detail;
  }

  /** {@code what: reason}, as an unchecked exception for code that cannot throw {@link IOException}. */
  public static UncheckedIOException unchecked(String what, IOException e) {
    return new UncheckedIOException(what + ": " + reason(e), e);
  }
}
