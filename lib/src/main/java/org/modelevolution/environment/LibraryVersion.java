package org.modelevolution.environment;

/** The library's version as written into the jar manifest by the build. */
public final class LibraryVersion {
  private LibraryVersion() {}

  /** The version, or {@code "dev"} when running from classes outside a jar (tests, IDE). */
  public static String get() {
    String version = LibraryVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
