package org.modelevolution.charts;

/** Places labels of equal thickness along one axis so that none touches the next. */
final class LabelPlacement {
  private LabelPlacement() {}

  /**
   * Centres for labels wanted at {@code wanted} (ascending), each {@code thickness} wide, at least
   * {@code gap} apart, kept within {@code [min, max]}: pushed right past their left neighbour, then
   * pulled back left from the end where the right edge overflows. Order is preserved, so leader
   * lines from the wanted to the placed positions never cross.
   */
  static double[] spread(double[] wanted, double thickness, double gap, double min, double max) {
    int n = wanted.length;
    double[] at = new double[n];
    double step = thickness + gap;
    for (int i = 0; i < n; i++) {
      at[i] = Math.max(wanted[i], min);
      if (i > 0) {
        at[i] = Math.max(at[i], at[i - 1] + step);
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      double limit = i == n - 1 ? max : at[i + 1] - step;
      at[i] = Math.min(at[i], limit);
    }
    return at;
  }
}
