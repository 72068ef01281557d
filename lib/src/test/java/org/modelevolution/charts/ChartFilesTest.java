package org.modelevolution.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

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

  /**
   * The files are the bytes XChart's own encoders write for the same chart (BitmapEncoder's PNG,
   * VectorGraphicsEncoder's SVG), which is how every figure was written before ChartFiles encoded
   * them itself; on every chart class of the project and XChart's chart types.
   */
  @Test
  void writesTheBytesOfXChartsEncoders(@TempDir Path dir) throws IOException {
    for (var entry : ChartZoo.charts().entrySet()) {
      String name = "chart " + entry.getKey().replaceAll("[^a-z]", "_");
      List<Path> files = ChartFiles.save(entry.getValue().get(), dir, name);
      Chart<?, ?> chart = entry.getValue().get();
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      java.io.ByteArrayOutputStream svg = new java.io.ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      assertThat(Files.readAllBytes(files.get(0))).as(entry.getKey() + " PNG").isEqualTo(png);
      assertThat(Files.readAllBytes(files.get(1))).as(entry.getKey() + " SVG").isEqualTo(svg.toByteArray());
    }
  }
}
