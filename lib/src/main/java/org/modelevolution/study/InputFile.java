package org.modelevolution.study;

/**
 * A file the reproduction read: where it was found, its SHA-256 and size, and how it relates to
 * the pinned manifest ({@code data/study-manifest.json}).
 *
 * @param path the file's name as provenance lists it: relative to its root, prefixed with that
 *     root's label ({@code STUDY_DATA/…}, {@code data/cache/…}, {@code data/…})
 * @param sha256 the SHA-256 of the bytes read
 * @param bytes the file's size
 * @param status how the bytes were checked against the manifest
 * @param original the study file the bytes are or stand for, as the manifest names it (a cache
 *     table stands for the original it was derived from)
 */
public record InputFile(String path, String sha256, long bytes, Status status, String original) {

  /** How a file relates to the manifest. */
  public enum Status {
    /** Pinned by SHA-256, and the digest matches. */
    VERIFIED("verified"),
    /** Pinned by git blob id only (no SHA-256 known), and the blob id matches. */
    VERIFIED_GIT_BLOB("verified (git blob)"),
    /** Not pinned: synthetic inputs, Git LFS inputs, or the project's own fact tables. */
    NOT_PINNED("not pinned"),
    /**
     * A table of the committed cache ({@code data/cache/}), derived from the verified original;
     * {@code reproduce --check-cache} proves it equal to what the original gives.
     */
    CACHE("cache of the pinned original");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The name of the study file (or fact table) without folders: the original's, for a cache table. */
  public String fileName() {
    return original.substring(original.lastIndexOf('/') + 1);
  }
}
