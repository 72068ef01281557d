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
import tech.tablesaw.api.Table;

class CachedRunsTest {
  @Test
  void showsCachedRunsWithoutTimesOrAbsolutePaths(@TempDir Path dir) {
    Path cache = dir.resolve("perception");
    Endpoint endpoint = Endpoint.anonymous(Service.STACK_EXCHANGE, HttpUrl.get("https://api.stackexchange.com/2.3"));
    MiningRun run = MiningRun.ofPosts("stackoverflow-posts", cache, Map.of("queries", "safetensors"), endpoint,
        Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC), Progress.silent());
    run.add("pages fetched", 3);
    run.writePosts(List.of(new MinedPost("T", MinedPost.STACK_OVERFLOW, "https://stackoverflow.com/questions/1", "{}")));
    run.finish();

    Table shown = CachedRuns.in(cache).table();

    assertThat(shown.rowCount()).isEqualTo(1);
    assertThat(shown.stringColumn("step").get(0)).isEqualTo("stackoverflow-posts");
    assertThat(shown.stringColumn("status").get(0)).isEqualTo("finished");
    assertThat(shown.stringColumn("endpoint").get(0)).isEqualTo("https://api.stackexchange.com/2.3 (anonymous)");
    assertThat(shown.stringColumn("parameters").get(0)).isEqualTo("queries = safetensors");
    assertThat(shown.stringColumn("counts").get(0)).contains("pages fetched: 3", "rows written: 1");
    assertThat(shown.stringColumn("wrote").get(0)).startsWith("stackoverflow-posts.csv (");
    assertThat(shown.printAll()).doesNotContain("2025-01-15", dir.toString());
  }

  @Test
  void saysSoWhenThereIsNoCachedRun(@TempDir Path dir) {
    Table shown = CachedRuns.in(dir.resolve("perception")).table();
    assertThat(shown.rowCount()).isZero();
    assertThat(shown.name()).startsWith("no cached run in perception");
  }
}
