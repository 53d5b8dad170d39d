package dev.seq2seq4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The comparison every parity test relies on must itself be able to fail. */
class ToleranceTest {

  @Test
  void acceptsValuesWithinTolerance() {
    float[] e = {1f, -2f, 0.5f};
    float[] a = {1f + 5e-6f, -2f, 0.5f - 9e-6f};
    double max = Tolerance.assertAllClose(e, a, 1e-5, 0, "close");
    assertTrue(max > 0 && max <= 1e-5, "max " + max);
  }

  @Test
  void rejectsOneValueOutsideTolerance() {
    float[] e = {1f, -2f, 0.5f};
    float[] a = {1f, -2f + 2e-5f, 0.5f};
    AssertionError err = assertThrows(AssertionError.class,
        () -> Tolerance.assertAllClose(e, a, 1e-5, 0, "probe output_0"));
    assertTrue(err.getMessage().contains("probe output_0"), err.getMessage());
    assertTrue(err.getMessage().contains("index 1"), err.getMessage());
  }

  @Test
  void relativeToleranceScalesWithMagnitude() {
    float[] e = {1000f};
    float[] a = {1000.5f};
    Tolerance.assertAllClose(e, a, 0, 1e-3, "relative");
    assertThrows(AssertionError.class, () -> Tolerance.assertAllClose(e, a, 0, 1e-4, "relative"));
  }

  @Test
  void rejectsLengthAndNanMismatch() {
    assertThrows(AssertionError.class,
        () -> Tolerance.assertAllClose(new float[2], new float[3], 1, 1, "length"));
    assertThrows(AssertionError.class,
        () -> Tolerance.assertAllClose(new float[] {0f}, new float[] {Float.NaN}, 1, 1, "nan"));
  }

  @Test
  void maxAbsErrorIsTheLargestDifference() {
    assertEquals(0.25, Tolerance.maxAbsError(new float[] {1f, 2f}, new float[] {1.25f, 2f}),
        0.0);
  }
}
