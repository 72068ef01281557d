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
  void parsesTheOptionAndTheSlurmArrayVariables() {
    assertThat(Shard.parse("3/8")).isEqualTo(new Shard(3, 8));
    assertThat(Shard.fromSlurm(Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_COUNT", "4",
        "SLURM_ARRAY_TASK_MIN", "2"))).hasValue(new Shard(3, 4));
    assertThat(Shard.fromSlurm(Map.of())).isEmpty();
    assertThatThrownBy(() -> Shard.parse("8/8")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("i/n");
  }
}
