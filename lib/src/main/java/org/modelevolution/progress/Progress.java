package org.modelevolution.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work. On an interactive terminal it is a progress bar; elsewhere (notebooks,
 * CI logs, redirected output) it is a line at every tenth of the way, which a notebook shows as
 * it arrives and a log keeps readable. Work that ends within {@link Lines#QUIET_SECONDS} shows
 * nothing there: a cell that reads a file in a second has no progress to report.
 */
public interface Progress extends AutoCloseable {

  /** Marks {@code n} more units done. */
  void step(long n);

  default void step() {
    step(1);
  }

  /** Updates the total when it becomes known (or grows) during the work. */
  void total(long total);

  @Override
  void close();

  /** Progress for a task of {@code total} units (0 when unknown), shown on standard error. */
  static Progress start(String task, long total) {
    if (System.console() != null && System.getenv("CI") == null) {
      return new Bar(task, total);
    }
    return new Lines(task, total, System.err);
  }

  /** Progress that shows nothing, for tests and nested work. */
  static Progress silent() {
    return new Progress() {
      @Override public void step(long n) {}
      @Override public void total(long total) {}
      @Override public void close() {}
    };
  }

  /** A terminal progress bar. */
  final class Bar implements Progress {
    private final ProgressBar bar;

    Bar(String task, long total) {
      this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
    }

    @Override public void step(long n) { bar.stepBy(n); }
    @Override public void total(long total) { bar.maxHint(total); }
    @Override public void close() { bar.close(); }
  }

  /**
   * One line per tenth of the total (or per 1,000 units when the total is unknown), once the work
   * has run for {@link #QUIET_SECONDS}; the closing line only if a line was shown.
   */
  final class Lines implements Progress {
    /** Work shorter than this prints nothing (so a quick step's output never depends on timing). */
    public static final long QUIET_SECONDS = 10;

    private final String task;
    private final PrintStream out;
    private final long startedNanos;
    private final long quietNanos;
    private long total;
    private long done;
    private long lastReported = -1;
    private boolean shown;

    Lines(String task, long total, PrintStream out) {
      this(task, total, out, QUIET_SECONDS * 1_000_000_000L);
    }

    Lines(String task, long total, PrintStream out, long quietNanos) {
      this.task = task;
      this.total = total;
      this.out = out;
      this.startedNanos = System.nanoTime();
      this.quietNanos = quietNanos;
    }

    @Override
    public synchronized void step(long n) {
      done += n;
      long mark = total > 0 ? done * 10 / total : done / 1000;
      if (mark != lastReported && System.nanoTime() - startedNanos >= quietNanos) {
        shown = true;
        lastReported = mark;
        out.println(total > 0
            ? String.format("%s: %d/%d (%d%%)", task, done, total, done * 100 / total)
            : String.format("%s: %d", task, done));
      }
    }

    @Override public synchronized void total(long newTotal) { total = newTotal; }

    @Override
    public synchronized void close() {
      if (!shown) {
        return;
      }
      out.println(String.format("%s: done, %d%s", task, done, total > 0 ? "/" + total : ""));
    }
  }
}
