package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

  @Test
  void everyRepositoryBelongsToExactlyOneShardByAStableHash() {
    for (int i = 0; i < 500; i++) {
      String id = "org" + (i % 7) + "/model-" + i;
      long owners = IntStream.range(0, 4).filter(k -> new Shard(k, 4).contains(id)).count();
      assertThat(owners).isEqualTo(1);
    }
    // The hash is SHA-256 of the id: the same on every JVM and machine.
    assertThat(Shard.hash("openai-community/gpt2")).isEqualTo(Long.parseUnsignedLong("198df6d678d3ef30", 16));
    long inFirst = IntStream.range(0, 1000).filter(i -> new Shard(0, 2).contains("u/m" + i)).count();
    assertThat(inFirst).isBetween(400L, 600L);
  }

  @Test
  void parsesTheOption() {
    assertThat(Shard.parse("3/8")).isEqualTo(new Shard(3, 8));
    assertThatThrownBy(() -> Shard.parse("8/8")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("i/n");
  }

  @Test
  void aSlurmArrayTaskMinesItsPlaceInTheArray() {
    // sbatch --array=2-5: task 5 is the fourth of four.
    assertThat(Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_COUNT", "4",
        "SLURM_ARRAY_TASK_MIN", "2", "SLURM_ARRAY_TASK_MAX", "5", "SLURM_ARRAY_TASK_STEP", "1")))
        .hasValue(new Shard(3, 4));
    // sbatch --array=0-6:2 (0, 2, 4, 6): task 4 is the third of four.
    assertThat(Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_COUNT", "4",
        "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_STEP", "2"))).hasValue(new Shard(2, 4));
    assertThat(Shard.fromEnvironment(Map.of("SLURM_JOB_ID", "17"))).isEmpty();
    assertThat(Shard.fromEnvironment(Map.of())).isEmpty();
  }

  @Test
  void aGridEngineArrayTaskMinesItsPlaceInTheArray() {
    // qsub -t 1-4: SGE_TASK_ID counts from 1.
    for (int task = 1; task <= 4; task++) {
      assertThat(Shard.fromEnvironment(Map.of("SGE_TASK_ID", "" + task, "SGE_TASK_FIRST", "1",
          "SGE_TASK_LAST", "4", "SGE_TASK_STEPSIZE", "1"))).hasValue(new Shard(task - 1, 4));
    }
    // qsub -t 10-40:10 (10, 20, 30, 40): task 30 is the third of four.
    assertThat(Shard.fromEnvironment(Map.of("SGE_TASK_ID", "30", "SGE_TASK_FIRST", "10",
        "SGE_TASK_LAST", "40", "SGE_TASK_STEPSIZE", "10"))).hasValue(new Shard(2, 4));
    // Outside an array Grid Engine sets the variables to "undefined".
    assertThat(Shard.fromEnvironment(Map.of("SGE_TASK_ID", "undefined", "SGE_TASK_FIRST", "undefined",
        "SGE_TASK_LAST", "undefined", "SGE_TASK_STEPSIZE", "undefined", "JOB_ID", "12"))).isEmpty();
  }

  @Test
  void aResubmittedTaskMustBeGivenItsShard() {
    // sbatch --array=2 and qsub -t 3 resubmit one task: its variables describe an array of one.
    assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "1",
        "SLURM_ARRAY_TASK_MIN", "2", "SLURM_ARRAY_TASK_STEP", "1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--shard i/n")
        .hasMessageContaining("SLURM_ARRAY_TASK_ID=2");
    assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("SGE_TASK_ID", "3", "SGE_TASK_FIRST", "3",
        "SGE_TASK_LAST", "3", "SGE_TASK_STEPSIZE", "1")))
        .hasMessageContaining("one task").hasMessageContaining("SGE_TASK_ID=3");
    // A task off the array's steps, or a count that does not hold it, is named rather than guessed.
    assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "9", "SLURM_ARRAY_TASK_COUNT", "4",
        "SLURM_ARRAY_TASK_MIN", "0"))).hasMessageContaining("cannot tell").hasMessageContaining("4 tasks");
  }
}
