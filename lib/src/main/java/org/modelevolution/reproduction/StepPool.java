package org.modelevolution.reproduction;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Supplier;

/**
 * Where the reproduction's independent steps (the four analyses and their groups, the four
 * writers, RQ1's three groups of figures) run side by side. Not the common pool: on a two-core
 * machine that has a parallelism of one, so tasks handed to it ran one after another (RQ1, RQ2
 * and RQ3 in turn) while a core sat idle. A fork-join pool, so that a step waiting on its own
 * sub-steps lends its thread instead of blocking it. Each step's output depends only on its own
 * inputs, never on which thread ran it or when.
 */
final class StepPool {
  private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
      pool -> {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("reproduce-step-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
      }, null, false);

  private StepPool() {}

  /** Starts {@code step} on the pool. */
  static <T> CompletableFuture<T> start(Supplier<T> step) {
    return CompletableFuture.supplyAsync(step, POOL);
  }

  /** The pool, for analyses that split their own work (RQ1's and RQ2's groups). */
  static java.util.concurrent.Executor executor() {
    return POOL;
  }

  /** The step's value, or the runtime exception it threw, unwrapped. */
  static <T> T join(CompletableFuture<T> step) {
    try {
      return step.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
