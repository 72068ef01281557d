package org.modelevolution.mining;

import org.modelevolution.perception.MinedPost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.Service;
import org.modelevolution.progress.Progress;

class PerceptionCollectionTest {
  @Test
  void showsCachedRunsWithoutTimesOrAbsolutePaths(@TempDir Path dir) {
    Path cache = dir.resolve("perception");
    Endpoint endpoint = Endpoint.anonymous(Service.STACK_EXCHANGE, HttpUrl.get("https://api.stackexchange.com/2.3"));
    MiningRun run = MiningRun.ofPosts("stackoverflow-posts", cache, Map.of("queries", "safetensors"), endpoint,
        Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC), Progress.silent());
    run.add("pages fetched", 3);
    run.writePosts(List.of(new MinedPost("T", MinedPost.STACK_OVERFLOW, "https://stackoverflow.com/questions/1", "{}")));
    run.finish();

    String shown = PerceptionCollection.cachedRuns(cache).toString();

    assertThat(shown).startsWith("stackoverflow-posts: finished")
        .contains("endpoint: https://api.stackexchange.com/2.3 (anonymous)", "parameter queries = safetensors",
            "pages fetched: 3", "rows written: 1", "wrote stackoverflow-posts.csv (")
        .doesNotContain("2025-01-15", dir.toString());
  }

  @Test
  void saysSoWhenThereIsNoCachedRun(@TempDir Path dir) {
    assertThat(PerceptionCollection.cachedRuns(dir.resolve("perception")).toString())
        .startsWith("no cached run in perception");
  }
}
