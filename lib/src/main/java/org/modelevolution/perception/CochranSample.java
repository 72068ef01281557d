package org.modelevolution.perception;

/**
 * Cochran's sample size for a proportion with the finite population correction:
 * {@code n0 = z² p (1 - p) / e²}, {@code n = ceil(n0 / (1 + (n0 - 1) / N))}.
 *
 * @param z the normal quantile of the confidence level (1.96 for 95 %)
 * @param p the assumed proportion (0.5, the most conservative)
 * @param e the margin of error (0.05)
 */
public record CochranSample(double z, double p, double e) {
  /** The study's setting: 95 % confidence, 5 % margin of error, p = 0.5. */
  public static final CochranSample STUDY = new CochranSample(1.96, 0.5, 0.05);

  public CochranSample {
    if (!(z > 0) || !(p > 0 && p < 1) || !(e > 0 && e < 1)) {
      throw new IllegalArgumentException("need z > 0, 0 < p < 1, 0 < e < 1");
    }
  }

  /** The sample size for an infinite population, {@code z² p (1 - p) / e²} (384.16 for the study). */
  public double infinitePopulationSize() {
    return z * z * p * (1 - p) / (e * e);
  }

  /** The sample size for a population of {@code population} items, rounded up, never above the population. */
  public int size(int population) {
    if (population <= 0) {
      return 0;
    }
    double n0 = infinitePopulationSize();
    double n = n0 / (1 + (n0 - 1) / population);
    // guard the ceiling against representation noise such as 157.00000000000003
    long size = (long) Math.ceil(n - 1e-9);
    return (int) Math.min(size, population);
  }
}
