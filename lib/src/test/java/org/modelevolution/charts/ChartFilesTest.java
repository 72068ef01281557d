package org.modelevolution.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

class ChartFilesTest {
  private static CategoryChart chart() {
    CategoryChart chart = new CategoryChartBuilder().width(640).height(400).title("Formats").build();
    ChartFiles.applyStyle(chart.getStyler());
    chart.addSeries("safetensors", List.of("2022", "2023", "2024"), List.of(2, 74, 88));
    return chart;
  }

  @Test
  void writesPngAndSvgThatAreIdenticalOnEveryRun(@TempDir Path dir) throws IOException {
    List<Path> first = ChartFiles.save(chart(), dir.resolve("a"), "RQ2FormatsYearly_both");
    List<Path> second = ChartFiles.save(chart(), dir.resolve("b"), "RQ2FormatsYearly_both");

    assertThat(first).extracting(p -> p.getFileName().toString())
        .containsExactly("RQ2FormatsYearly_both.png", "RQ2FormatsYearly_both.svg");
    assertThat(Files.readString(first.get(1))).startsWith("<?xml").contains("<svg");
    for (int i = 0; i < 2; i++) {
      assertThat(Files.readAllBytes(second.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
    }
  }
}
