package org.modelevolution.reproduction;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Initialises Tablesaw's {@code Table} class with its class-path scan confined to Tablesaw's own jar.
 *
 * <p>{@code Table}'s static initialiser finds its readers and writers by scanning the class path with
 * ClassGraph for implementations in the package {@code tech.tablesaw.io}. ClassGraph reads the class
 * path from the {@code java.class.path} property and the jars' manifests, so from the command line's
 * jar it opens every dependency (fastutil, ICU, Guava, JGit …) and normalises each of their tens of
 * thousands of entry names, to keep the few that live in Tablesaw's jar: about 0.3 s of CPU in a
 * run that on two cores has none to spare. Every class of that package is in the jar that holds
 * {@code Table}, so naming that jar alone as the class path while the initialiser runs registers the
 * same readers and writers ({@code TablesawStartTest} compares the two registries).
 *
 * <p>The property is changed for the length of the initialiser only and then restored. Nothing else
 * in the program reads it (class loading uses the class path fixed at start-up), so the command line
 * calls this first, before any other thread touches Tablesaw; where {@code Table} is not loaded from
 * a jar, or is initialised already, this initialises it the ordinary way.
 */
final class TablesawStart {
  static final String TABLE = "tech.tablesaw.api.Table";
  private static final String CLASS_PATH = "java.class.path";

  private TablesawStart() {}

  /** Initialises {@code Table}, scanning only its own jar where it is loaded from one. */
  static synchronized void initialise() throws ReflectiveOperationException {
    ClassLoader loader = TablesawStart.class.getClassLoader();
    Class<?> table = Class.forName(TABLE, false, loader);
    Path jar = jarOf(table);
    String classPath = System.getProperty(CLASS_PATH);
    if (jar == null || classPath == null) {
      Class.forName(TABLE, true, loader);
      return;
    }
    System.setProperty(CLASS_PATH, jar.toString());
    try {
      Class.forName(TABLE, true, loader);
    } finally {
      System.setProperty(CLASS_PATH, classPath);
    }
  }

  /** The jar file {@code type} was loaded from, or null when it was not loaded from a jar file. */
  static Path jarOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
      return null;
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar") ? path : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }
}
