package org.modelevolution.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link TablesawStart} registers the same readers and writers as Tablesaw's own initialisation:
 * each is run in a fresh JVM (a class initialises once per JVM) on this test's class path, and the
 * registries they leave are compared entry by entry.
 */
class TablesawStartTest {

  @Test
  void confinedScanRegistersWhatTheWholeClassPathScanRegisters() throws Exception {
    String ordinary = registriesAfter("ordinary");
    String confined = registriesAfter("confined");
    assertTrue(ordinary.contains("extensionsRegistry csv=tech.tablesaw.io.csv.CsvReader"), ordinary);
    assertTrue(ordinary.contains("WriterRegistry"), ordinary);
    assertEquals(ordinary, confined);
  }

  @Test
  void restoresTheClassPathAndFindsTablesawsJar() throws Exception {
    String before = System.getProperty("java.class.path");
    TablesawStart.initialise();
    assertEquals(before, System.getProperty("java.class.path"));
    Path jar = TablesawStart.jarOf(Class.forName(TablesawStart.TABLE, false, getClass().getClassLoader()));
    assertNotNull(jar, "Table is loaded from a jar in the build");
    assertTrue(jar.getFileName().toString().startsWith("tablesaw-core"), jar.toString());
    assertEquals(null, TablesawStart.jarOf(TablesawStartTest.class), "test classes are a folder, not a jar");
  }

  private static String registriesAfter(String how) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), Probe.class.getName(), how));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    return output;
  }

  /** Initialises {@code Table} one way or the other and prints its reader and writer registries. */
  static final class Probe {
    public static void main(String[] args) throws Exception {
      if (args[0].equals("confined")) {
        TablesawStart.initialise();
      } else {
        Class.forName(TablesawStart.TABLE, true, Probe.class.getClassLoader());
      }
      Class<?> table = Class.forName(TablesawStart.TABLE);
      for (String registry : List.of("defaultReaderRegistry", "defaultWriterRegistry")) {
        Object value = table.getField(registry).get(null);
        System.out.println(value.getClass().getSimpleName());
        for (Field field : value.getClass().getDeclaredFields()) {
          if (Map.class.isAssignableFrom(field.getType())) {
            field.setAccessible(true);
            Map<String, String> entries = new TreeMap<>();
            ((Map<?, ?>) field.get(value)).forEach((k, v) -> entries.put(k.toString(), v.getClass().getName()));
            entries.forEach((k, v) -> System.out.println(field.getName() + " " + k + "=" + v));
          }
        }
      }
    }
  }
}
