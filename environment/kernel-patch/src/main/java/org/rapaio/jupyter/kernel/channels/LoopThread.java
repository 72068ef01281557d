package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's class of the same name (same members, same signatures);
 * this project puts it ahead of the kernel jar on the kernel's class path.
 *
 * <p>Two changes, both about a kernel that starts but never answers:
 *
 * <ul>
 *   <li>{@link #start()} sets {@code running} before the thread starts. Upstream sets it after
 *       {@code Thread.start()}, so a new thread that is scheduled first reads {@code false},
 *       leaves {@link #run()} at once, and its channel (shell, control or heartbeat) never polls
 *       its socket again.
 *   <li>A loop body that throws is logged and the loop goes on. Upstream ends the loop on any
 *       exception, so one bad message (or one that arrives before its handler exists) silences the
 *       channel for the rest of the session.
 * </ul>
 */
public final class LoopThread extends Thread {

  private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

  private volatile boolean running = false;
  private final long sleep;
  private final Runnable loopBody;

  public LoopThread(String name, long sleep, Runnable loopBody) {
    super(name);
    this.sleep = sleep;
    this.loopBody = loopBody;
  }

  @Override
  public void run() {
    long failuresInARow = 0;
    while (running) {
      try {
        loopBody.run();
        failuresInARow = 0;
      } catch (RuntimeException | Error e) {
        if (!running) {
          return;
        }
        // Logged, not rethrown: the channel must keep serving the next message. A body that fails
        // on every turn is logged once per 1,000 turns, not every few milliseconds.
        if (failuresInARow++ % 1000 == 0) {
          LOGGER.log(Level.SEVERE, "[" + getName() + "] loop body failed (" + failuresInARow
              + " in a row); the loop goes on", e);
        }
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        running = false;
        return;
      }
    }
  }

  @Override
  public synchronized void start() {
    // Before Thread.start(): the new thread must see running == true whenever it is scheduled.
    running = true;
    super.start();
  }

  public void shutdown() {
    running = false;
  }
}
