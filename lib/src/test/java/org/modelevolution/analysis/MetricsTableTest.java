package org.modelevolution.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTableTest {
  @Test
  void writesTheStudysLayoutAndReadsItBack(@TempDir Path dir) throws IOException {
    MetricsTable table = new MetricsTable()
        .put("# commits in all logs (total)", "28245")
        .put("date with max number of adoptions", "2023-03-16, 2023-03-17")
        .put("# commits in all logs (total)", "28246");
    Path file = dir.resolve("rq1_dataset_stats_legacy.csv");

    table.write(file);

    // The replaced metric keeps its place; only a field holding a comma is quoted, as pandas does.
    assertThat(Files.readString(file)).isEqualTo(
        "# commits in all logs (total),28246\ndate with max number of adoptions,\"2023-03-16, 2023-03-17\"\n");
    assertThat(MetricsTable.read(file).rows()).isEqualTo(table.rows());
  }
}
