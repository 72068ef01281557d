package org.modelevolution.cli;

import org.modelevolution.environment.LibraryVersion;
import picocli.CommandLine.IVersionProvider;

/** Reports the library version from the jar manifest, and the Java runtime. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "safetensors-study " + LibraryVersion.get(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
