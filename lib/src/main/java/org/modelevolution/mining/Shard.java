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
   * The shard of a job-array task, from its scheduler's variables: the task's position in the
   * array of the array's number of tasks. SLURM: ({@code SLURM_ARRAY_TASK_ID} less
   * {@code SLURM_ARRAY_TASK_MIN}) / {@code SLURM_ARRAY_TASK_STEP} of {@code SLURM_ARRAY_TASK_COUNT};
   * Grid Engine: ({@code SGE_TASK_ID} less {@code SGE_TASK_FIRST}) / {@code SGE_TASK_STEPSIZE} of
   * ({@code SGE_TASK_LAST} less {@code SGE_TASK_FIRST}) / {@code SGE_TASK_STEPSIZE} + 1 (a MIN, FIRST
   * or step left unset counts as 0, 1 and 1). Empty outside an array job (Grid Engine sets its
   * variables to {@code undefined} there).
   *
   * <p>An array of one task is refused: it is how a failed task is resubmitted
   * ({@code sbatch --array=3}, {@code qsub -t 4}), and its variables no longer tell the array's size
   * nor the task's place in it, so the shard must then be given as {@code --shard i/n}.
   *
   * @throws IllegalArgumentException naming the variables, when they do not give a shard
   */
  public static Optional<Shard> fromEnvironment(Map<String, String> env) {
    Optional<Shard> slurm = arrayTask(env, "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_STEP",
        first -> number(env, "SLURM_ARRAY_TASK_COUNT").orElse(-1L));
    if (slurm.isPresent()) {
      return slurm;
    }
    return arrayTask(env, "SGE_TASK_ID", "SGE_TASK_FIRST", "SGE_TASK_STEPSIZE", first -> {
      long last = number(env, "SGE_TASK_LAST").orElse(-1L);
      long step = number(env, "SGE_TASK_STEPSIZE").orElse(1L);
      return last < first || step < 1 ? -1 : (last - first) / step + 1;
    });
  }

  private static Optional<Shard> arrayTask(Map<String, String> env, String idName, String firstName, String stepName,
      java.util.function.LongUnaryOperator countFromFirst) {
    Optional<Long> id = number(env, idName);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    long first = number(env, firstName).orElse(idName.startsWith("SGE") ? 1L : 0L);
    long step = number(env, stepName).orElse(1L);
    long count = countFromFirst.applyAsLong(first);
    String variables = idName + "=" + env.get(idName) + ", " + firstName + "=" + env.get(firstName) + ", "
        + stepName + "=" + env.get(stepName);
    if (count == 1) {
      throw new IllegalArgumentException("this job array has one task (" + variables + "), as when a failed task is "
          + "resubmitted: its variables do not tell the array's size; give the shard with --shard i/n");
    }
    long offset = id.get() - first;
    if (count < 1 || step < 1 || offset < 0 || offset % step != 0 || offset / step >= count) {
      throw new IllegalArgumentException("cannot tell this job-array task's shard from " + variables
          + " and an array of " + count + " tasks; give the shard with --shard i/n");
    }
    return Optional.of(new Shard((int) (offset / step), (int) count));
  }

  /** A variable's integer value; empty when unset or not a number (Grid Engine's {@code undefined}). */
  private static Optional<Long> number(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
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
