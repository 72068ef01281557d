package org.modelevolution.study;

/**
 * A study file an analysis read: its name relative to the data folder, its SHA-256, and whether
 * that digest was checked against the pinned manifest.
 */
public record InputFile(String relativePath, String sha256, long bytes, Verification verification) {

  /** How the file relates to {@code data/study-manifest.json}. */
  public enum Verification {
    /** Pinned in the manifest, and the digest matches. */
    VERIFIED,
    /** Not pinned (e.g. synthetic inputs or Git LFS inputs the manifest has no digest for). */
    NOT_PINNED
  }
}
