package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's class of the same name (same public members, same
 * signatures); this project puts it ahead of the kernel jar on the kernel's class path.
 *
 * <p>One change, about an interrupt that leaves the kernel mute: {@link #stop()} interrupts the
 * running evaluation and leaves the executor alive. Upstream shut the executor down on every
 * interrupt ({@code JavaEngine.interrupt} calls {@code interrupt()}, then {@code stop()}), so
 * each later cell was refused by the executor and showed nothing until a restart. The executor's
 * threads are daemons instead, so they never keep a kernel that was asked to shut down alive.
 */
public class RapaioExecutionControl extends DirectExecutionControl {

  public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
  public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";
  private static final AtomicInteger ID = new AtomicInteger(0);

  private final ExecutorService executor;
  private final long timeoutTime;
  private final ConcurrentMap<String, Future<Object>> running = new ConcurrentHashMap<>();
  private final Map<String, Object> results = new ConcurrentHashMap<>();

  public RapaioExecutionControl(long timeoutTime) {
    this.timeoutTime = timeoutTime;
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "Engine-thread-" + ID.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
  }

  public long getTimeout() {
    return timeoutTime;
  }

  public Object takeResult(String key) {
    Object result = results.remove(key);
    if (result == null) {
      throw new IllegalStateException("No result with key: " + key);
    }
    return result;
  }

  @Override
  protected String invoke(Method methodCall) throws Exception {
    String id = UUID.randomUUID().toString();
    Object value = execute(id, methodCall);
    results.put(id, value);
    return id;
  }

  private Object execute(String id, Method methodCall) throws Exception {
    Future<Object> runningTask = executor.submit(() -> methodCall.invoke(null));
    running.put(id, runningTask);
    try {
      if (timeoutTime > 0) {
        return runningTask.get(timeoutTime, TimeUnit.MILLISECONDS);
      }
      return runningTask.get();
    } catch (CancellationException e) {
      if (executor.isShutdown()) {
        throw new StoppedException();
      }
      throw new UserException("Execution interrupted.", INTERRUPTED_MARKER, e.getStackTrace());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvocationTargetException) {
        cause = cause.getCause();
      }
      if (cause == null) {
        throw new UserException("null", "Unknown Invocation Exception", e.getStackTrace());
      } else if (cause instanceof SPIResolutionException spiResCause) {
        throw new ResolutionException(spiResCause.id(), cause.getStackTrace());
      } else {
        throw new UserException(cause.getMessage(), cause.getClass().getName(), cause.getStackTrace());
      }
    } catch (TimeoutException e) {
      throw new UserException("Execution timed out", TIMEOUT_MARKER, e.getStackTrace());
    } finally {
      running.remove(id, runningTask);
    }
  }

  /** Interrupts every running evaluation: each ends with "Execution interrupted." */
  public void interrupt() {
    running.forEach((id, future) -> future.cancel(true));
  }

  /** JShell's stop: the same as {@link #interrupt()}; the executor stays usable for the next cell. */
  @Override
  public void stop() {
    interrupt();
  }
}
