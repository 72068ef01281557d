package org.modelevolution.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelevolution.testing.Shared;

/**
 * The compiler directives file {@code bin/safetensors-study} hands to a paper-scale {@code reproduce}
 * (environment/jvm/figures-at-c1.json). The launcher runs that JVM with {@code -XX:-DisplayVMOutput},
 * which hides the JVM's reason should it refuse the file, so the file is checked here: the JVM that
 * runs the tests loads it (the build's JDK 17, and the kernel's JDK 25 in {@code make smoke}).
 */
class FigureDirectivesTest {
  private static final Path FILE = Shared.layout().root().resolve("environment/jvm/figures-at-c1.json");

  @Test
  void theJvmLoadsTheFile() throws Exception {
    assertTrue(Files.isRegularFile(FILE), FILE.toString());
    Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
        "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + FILE, "-version")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    assertTrue(output.contains("1 compiler directives added"), output);
  }

  @Test
  void everyPatternNamesAPackageThatHoldsTheFiguresCode() throws Exception {
    String text = Files.readString(FILE);
    // each pattern and a class of the figures' drawing it covers
    Map<String, String> covered = Map.of("java/awt/*.*", "java.awt.geom.Path2D",
        "sun/java2d/*.*", "sun.java2d.marlin.Renderer", "sun/font/*.*", "sun.font.FontDesignMetrics",
        "org/knowm/*.*", "org.knowm.xchart.XYChart",
        "de/erichseifert/*.*", "de.erichseifert.vectorgraphics2d.VectorGraphics2D",
        "org/modelevolution/charts/*.*", "org.modelevolution.charts.ChartFiles");
    for (Map.Entry<String, String> entry : covered.entrySet()) {
      assertTrue(text.contains('"' + entry.getKey() + '"'), entry.getKey() + " is not in " + FILE);
      Class<?> type = Class.forName(entry.getValue(), false, getClass().getClassLoader());
      assertTrue(type.getName().replace('.', '/').startsWith(entry.getKey().replace("*.*", "")), type.getName());
    }
  }
}
