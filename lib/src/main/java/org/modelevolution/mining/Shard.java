package org.modelevolution.mining;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * One of {@code count} disjoint parts of the repositories, so that {@code count} machines (or
 * tokens) mine in parallel: a repository belongs to shard {@code SHA-256(id) mod count}, a hash
 * that does not depend on the JVM, the order of the selection or the number of repositories.
 *
 * @param index 0-based
 */
public record Shard(int index, int count) {
  /** Everything: the unsharded run. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + "/" + count + ": need 0 <= i < n");
    }
  }

  /** Parses {@code i/n} (0-based {@code i}). */
  public static Shard parse(String text) {
    String[] parts = text.strip().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("a shard is written i/n, e.g. 0/8; got '" + text + "'");
    }
    try {
      return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a shard is written i/n, e.g. 0/8; got '" + text + "'", e);
    }
  }

  /**
   * The shard of a SLURM job-array task: {@code SLURM_ARRAY_TASK_ID} less
   * {@code SLURM_ARRAY_TASK_MIN} (0 when unset) of {@code SLURM_ARRAY_TASK_COUNT}; empty outside
   * an array job.
   */
  public static Optional<Shard> fromSlurm(Map<String, String> env) {
    String id = env.get("SLURM_ARRAY_TASK_ID");
    String count = env.get("SLURM_ARRAY_TASK_COUNT");
    if (id == null || count == null) {
      return Optional.empty();
    }
    int min = Integer.parseInt(env.getOrDefault("SLURM_ARRAY_TASK_MIN", "0").strip());
    return Optional.of(new Shard(Integer.parseInt(id.strip()) - min, Integer.parseInt(count.strip())));
  }

  public boolean isAll() {
    return count == 1;
  }

  public boolean contains(String repoId) {
    return count == 1 || Long.remainderUnsigned(hash(repoId), count) == index;
  }

  /** The first eight bytes of the id's SHA-256, big-endian. */
  static long hash(String repoId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(repoId.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (digest[i] & 0xFF);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The folder name of the shard's own files: {@code 3-of-8}. */
  public String folderName() {
    return index + "-of-" + count;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
