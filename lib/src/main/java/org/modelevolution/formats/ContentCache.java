package org.modelevolution.formats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Detections keyed by content id (LFS sha256, or ETag for git-stored files), so that a blob seen
 * in many commits or repositories is fetched and detected once. Bounded: the least recently used
 * entries are dropped past {@code capacity}. Thread-safe.
 */
public final class ContentCache {
  private final Map<String, Detection> entries;

  public ContentCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Detection> eldest) {
            return size() > capacity;
          }
        };
  }

  public synchronized Optional<Detection> get(String contentId) {
    return Optional.ofNullable(entries.get(contentId));
  }

  public synchronized void put(String contentId, Detection detection) {
    entries.put(contentId, detection);
  }

  public synchronized int size() {
    return entries.size();
  }
}
