package org.modelevolution.testing;

import org.modelevolution.progress.Progress;

/**
 * Progress that simulates a crash: after {@code limit} finished units it throws, the way a killed
 * process stops right after a checkpoint was written. Miners report a unit to progress only after
 * recording it, so what was checkpointed is exactly what a real crash would leave behind.
 */
public final class CrashingProgress implements Progress {
  /** Thrown to simulate the crash. */
  public static final class Crash extends RuntimeException {
    Crash(long units) {
      super("simulated crash after " + units + " units");
    }
  }

  private final long limit;
  private long done;

  public CrashingProgress(long limit) {
    this.limit = limit;
  }

  @Override
  public void step(long n) {
    done += n;
    if (done >= limit) {
      throw new Crash(done);
    }
  }

  @Override
  public void total(long total) {}

  @Override
  public void close() {}
}
