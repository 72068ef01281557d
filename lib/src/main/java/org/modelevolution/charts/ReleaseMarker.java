package org.modelevolution.charts;

/** A dashed vertical marker with a rotated label, at {@code x} in the chart's x units. */
public record ReleaseMarker(String label, double x) {
  public ReleaseMarker {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a release marker needs a label");
    }
  }
}
