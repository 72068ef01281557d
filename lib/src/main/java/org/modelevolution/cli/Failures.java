package org.modelevolution.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.modelevolution.io.IoErrors;

/** The one-line description of a failure that the command line prints in place of a stack trace. */
final class Failures {
  private Failures() {}

  /** The failure's own message (which names the file, option or variable), its cause's when it adds to it. */
  static String describe(Throwable e) {
    Throwable failure = unwrap(e);
    String message = message(failure);
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      String because = message(unwrap(cause));
      if (!because.isBlank() && !message.contains(because)) {
        message = message + " (" + because + ")";
      }
    }
    return message;
  }

  /**
   * Whether the failure is one the program reports on purpose (bad input, a file it cannot read or
   * write, a service that fails), as opposed to a bug of the program.
   */
  static boolean expected(Throwable e) {
    Throwable failure = unwrap(e);
    return failure.getMessage() != null
        && !(failure instanceof NullPointerException || failure instanceof ClassCastException
            || failure instanceof IllegalStateException || failure instanceof IndexOutOfBoundsException
            || failure instanceof ArithmeticException || failure instanceof UnsupportedOperationException);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException
        || t instanceof UncheckedIOException && t.getMessage() != null && t.getCause() != null
            && t.getMessage().equals(t.getCause().toString()))
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String message(Throwable t) {
    if (t instanceof FileSystemException f && f.getFile() != null) {
      String other = f.getOtherFile() != null ? " -> " + f.getOtherFile() : "";
      return f.getFile() + other + ": " + IoErrors.reason(f);
    }
    if (t instanceof IOException io && io.getMessage() != null) {
      return io.getMessage();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
