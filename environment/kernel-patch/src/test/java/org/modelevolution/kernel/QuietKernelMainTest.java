package org.modelevolution.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietKernelMainTest {

  @Test
  void theClassPathListingIsDroppedAndEverythingElsePasses() {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new QuietKernelMain.ClassPathLinesDropped(console), true, StandardCharsets.UTF_8);
    out.println("Parsing classpath: /work/lib/target/dependency/okio-jvm-3.18.1.jar");
    out.println("Add /work/lib/target/dependency/okio-jvm-3.18.1.jar to classpath");
    out.println("a warning the kernel prints");
    out.println("Add one more thing to the classpath later");

    assertThat(console.toString(StandardCharsets.UTF_8))
        .isEqualTo("a warning the kernel prints\nAdd one more thing to the classpath later\n");
  }
}
