package org.modelevolution.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Text shaped through JNI ({@link ChartFiles#FFM_SHAPING} false, what {@link ChartFiles} sets) gives
 * every chart class the PNG and SVG bytes it has with the JDK's default, the foreign-function API.
 * The JDK reads the switch once per JVM, so each way draws the charts in a JVM of its own.
 */
class TextShapingTest {
  @Test
  void figuresAreTheSameWhicheverWayTextIsShaped(@TempDir Path dir) throws Exception {
    // JDK 17 (the build's) has only the JNI way: nothing to compare there.
    Assumptions.assumeTrue(Runtime.version().feature() >= 23, "JDK 23 or later shapes text through the FFM API");
    Path ffm = draw(dir.resolve("ffm"), "true");
    Path jni = draw(dir.resolve("jni"), "false");
    List<String> names;
    try (var files = Files.list(ffm)) {
      names = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(names).hasSize(2 * ChartZoo.charts().size());
    try (var files = Files.list(jni)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).isEqualTo(names);
    }
    for (String name : names) {
      assertThat(Files.readAllBytes(jni.resolve(name))).as(name).isEqualTo(Files.readAllBytes(ffm.resolve(name)));
    }
  }

  /** Draws every chart of the zoo into {@code dir} in a JVM whose text is shaped the given way. */
  private static Path draw(Path dir, String ffmShaping) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-D" + ChartFiles.FFM_SHAPING + "=" + ffmShaping,
        "-cp", System.getProperty("java.class.path"), Draw.class.getName(), dir.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile()).start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("drawing finished").isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolveSibling(dir.getFileName() + ".log"))).isZero();
    return dir;
  }

  /** The child JVM: every chart of the zoo as PNG and SVG bytes, named by the zoo's keys. */
  static final class Draw {
    public static void main(String[] args) throws IOException {
      Path dir = Path.of(args[0]);
      int i = 0;
      for (Map.Entry<String, Supplier<Chart<?, ?>>> entry : ChartZoo.charts().entrySet()) {
        Chart<?, ?> chart = entry.getValue().get();
        String name = String.format("%03d", i++);
        Files.write(dir.resolve(name + ".png"), ChartFiles.pngBytes(chart));
        Files.write(dir.resolve(name + ".svg"), ChartFiles.svgBytes(chart));
      }
    }
  }
}
