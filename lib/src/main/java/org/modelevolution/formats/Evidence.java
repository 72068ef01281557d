package org.modelevolution.formats;

/**
 * One observation that supports a detection: what was seen, at which byte offset of the file.
 *
 * @param offset byte offset in the file (for data inside a container, the offset of the container
 *     structure that led there)
 * @param seen a short human-readable description, e.g. {@code "magic GGUF, version 3"}
 */
public record Evidence(long offset, String seen) {
  @Override
  public String toString() {
    return "@" + offset + ": " + seen;
  }
}
