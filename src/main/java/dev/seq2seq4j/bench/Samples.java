package dev.seq2seq4j.bench;

import java.util.Arrays;

/**
 * Repeated measurements of one quantity (seconds, milliseconds, ...), with the order statistics
 * a benchmark reports.
 */
public final class Samples {
  private final double[] sorted;

  private Samples(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  /**
   * Samples of the given values.
   *
   * @param values at least one value
   * @return the samples
   * @throws IllegalArgumentException if there are none
   */
  public static Samples of(double... values) {
    return new Samples(values);
  }

  /**
   * How many values there are.
   *
   * @return the count
   */
  public int count() {
    return sorted.length;
  }

  /**
   * The median (the mean of the two middle values for an even count).
   *
   * @return the median
   */
  public double median() {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * A percentile by the nearest-rank method: the smallest value with at least {@code p}
   * percent of the values at or below it.
   *
   * @param p in (0, 100]
   * @return the percentile
   * @throws IllegalArgumentException if {@code p} is out of range
   */
  public double percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile is in (0, 100], got " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /**
   * The smallest value.
   *
   * @return the minimum
   */
  public double min() {
    return sorted[0];
  }

  /**
   * The largest value.
   *
   * @return the maximum
   */
  public double max() {
    return sorted[sorted.length - 1];
  }

  /**
   * These samples multiplied by a factor (e.g. seconds to milliseconds per step).
   *
   * @param factor the factor
   * @return the scaled samples
   */
  public Samples times(double factor) {
    double[] v = sorted.clone();
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return new Samples(v);
  }
}
