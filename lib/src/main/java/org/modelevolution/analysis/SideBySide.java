package org.modelevolution.analysis;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Computes an analysis' groups side by side on the caller's executor. Each group reads only the
 * immutable study data, so the result is the same on any executor, {@code Runnable::run} included.
 */
final class SideBySide {
  private SideBySide() {}

  /** Each group's result where {@code task} gives one, in group order. */
  static <K extends Enum<K>, V> Map<K, V> groups(Class<K> type, Function<K, Optional<V>> task, Executor executor) {
    Map<K, CompletableFuture<Optional<V>>> pending = new EnumMap<>(type);
    for (K key : type.getEnumConstants()) {
      pending.put(key, CompletableFuture.supplyAsync(() -> task.apply(key), executor));
    }
    Map<K, V> results = new EnumMap<>(type);
    pending.forEach((key, result) -> join(result).ifPresent(value -> results.put(key, value)));
    return results;
  }

  private static <T> T join(CompletableFuture<T> result) {
    try {
      return result.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
