package org.modelevolution.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.rapaio.jupyter.kernel.MainApp;

/**
 * The kernelspec's main class: rapaio-jupyter-kernel's {@link MainApp} with a quiet console.
 *
 * <p>Upstream prints two lines per class-path entry ("Parsing classpath: ...", "Add ... to
 * classpath") to the kernel's standard output while it starts, about 94 lines in the console
 * Jupyter runs in for this project's class path. Those lines are dropped; anything else the
 * process prints still goes through. (Cells never write here: the kernel redirects
 * {@code System.out} to the notebook while a cell runs.)
 */
public final class QuietKernelMain {
  private QuietKernelMain() {}

  public static void main(String[] args) throws Exception {
    System.setOut(new PrintStream(new ClassPathLinesDropped(System.out), true, StandardCharsets.UTF_8));
    MainApp.main(args);
  }

  /** Passes whole lines through, except the kernel's class-path listing. */
  static final class ClassPathLinesDropped extends OutputStream {
    private final OutputStream target;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    ClassPathLinesDropped(OutputStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      line.write(b);
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (!isClassPathListing(text)) {
          target.write(text.getBytes(StandardCharsets.UTF_8));
          target.flush();
        }
      }
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
      target.flush();
    }

    static boolean isClassPathListing(String line) {
      String text = line.strip();
      return text.startsWith("Parsing classpath: ") || (text.startsWith("Add ") && text.endsWith(" to classpath"));
    }
  }
}
