package org.rapaio.jupyter.kernel.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopThreadTest {

  @Test
  void everyStartedLoopRunsItsBodyHoweverTheThreadsAreScheduled() throws Exception {
    // Upstream 3.0.1 loses some of these: a thread scheduled before start() sets the flag exits at once.
    int loops = 300;
    CountDownLatch ran = new CountDownLatch(loops);
    List<LoopThread> threads = new ArrayList<>();
    for (int i = 0; i < loops; i++) {
      AtomicInteger once = new AtomicInteger();
      LoopThread thread = new LoopThread("loop-" + i, 1, () -> {
        if (once.getAndIncrement() == 0) {
          ran.countDown();
        }
      });
      threads.add(thread);
      thread.start();
    }
    try {
      assertThat(ran.await(20, TimeUnit.SECONDS)).as("every loop body ran").isTrue();
    } finally {
      stopAll(threads);
    }
  }

  @Test
  void aBodyThatThrowsDoesNotEndTheLoop() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch thirdCall = new CountDownLatch(1);
    LoopThread thread = new LoopThread("throwing", 1, () -> {
      if (calls.incrementAndGet() >= 3) {
        thirdCall.countDown();
      }
      throw new IllegalStateException("no handler yet");
    });
    thread.start();
    try {
      assertThat(thirdCall.await(10, TimeUnit.SECONDS)).as("the loop went on after the body threw").isTrue();
    } finally {
      stopAll(List.of(thread));
    }
  }

  @Test
  void shutdownEndsTheLoop() throws Exception {
    LoopThread thread = new LoopThread("stopping", 1, () -> {});
    thread.start();
    thread.shutdown();
    thread.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(thread.isAlive()).isFalse();
  }

  private static void stopAll(List<LoopThread> threads) throws InterruptedException {
    threads.forEach(LoopThread::shutdown);
    for (LoopThread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }
}
