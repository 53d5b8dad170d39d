package dev.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Numeric comparison for tests, in the style of {@code numpy.testing.assert_allclose}: each
 * element must satisfy {@code |actual - expected| <= atol + rtol * |expected|}.
 */
public final class Tolerance {

  private Tolerance() {}

  /**
   * Asserts that two float arrays are element-wise close.
   *
   * @param expected reference values
   * @param actual values under test
   * @param atol absolute tolerance
   * @param rtol relative tolerance
   * @param what what is compared, for the failure message
   * @return the largest absolute difference found (useful for reporting)
   * @throws AssertionError on a length mismatch, a NaN where the reference has none, or any
   *     element outside the tolerance; the message names the worst element
   */
  public static double assertAllClose(
      float[] expected, float[] actual, double atol, double rtol, String what) {
    if (expected.length != actual.length) {
      fail(what + ": expected " + expected.length + " values, got " + actual.length);
    }
    double maxAbs = 0;
    int worst = -1;
    double worstExcess = 0;
    int bad = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e) != Double.isNaN(a)) {
        fail(what + ": NaN mismatch at index " + i + " (expected " + e + ", got " + a + ")");
      }
      if (Double.isNaN(e)) {
        continue;
      }
      double diff = Math.abs(a - e);
      maxAbs = Math.max(maxAbs, diff);
      double excess = diff - (atol + rtol * Math.abs(e));
      if (excess > 0) {
        bad++;
        if (worst < 0 || excess > worstExcess) {
          worst = i;
          worstExcess = excess;
        }
      }
    }
    if (bad > 0) {
      fail(String.format(
          "%s: %d of %d values differ by more than atol=%g + rtol=%g*|expected|; "
              + "max abs error %.3e; worst at index %d: expected %s, got %s",
          what, bad, expected.length, atol, rtol, maxAbs, worst,
          expected[worst], actual[worst]));
    }
    return maxAbs;
  }

  /**
   * Largest absolute element-wise difference of two equally long arrays.
   *
   * @param expected reference values
   * @param actual values under test
   * @return max |actual - expected|
   */
  public static double maxAbsError(float[] expected, float[] actual) {
    if (expected.length != actual.length) {
      throw new IllegalArgumentException(
          "length mismatch: " + expected.length + " vs " + actual.length);
    }
    double max = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs((double) actual[i] - expected[i]));
    }
    return max;
  }
}
