package dev.seq2seq4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties of Keras's initializers, checked by their mathematical definitions. */
class InitializersTest {
  @Test
  void orthogonalRecurrentKernelHasOrthonormalRows() {
    int u = 16;
    float[] w = Initializers.orthogonal().values(new long[] {u, 4L * u}, new SplittableRandom(3));
    // [u, 4u] is the transpose of a [4u, u] matrix with orthonormal columns, so W W^T = I.
    for (int a = 0; a < u; a++) {
      for (int b = 0; b < u; b++) {
        double dot = 0;
        for (int k = 0; k < 4 * u; k++) {
          dot += (double) w[a * 4 * u + k] * w[b * 4 * u + k];
        }
        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5, "row " + a + " . row " + b);
      }
    }
  }

  @Test
  void glorotUniformStaysWithinItsLimit() {
    float[] w = Initializers.glorotUniform().values(new long[] {12, 400}, new SplittableRandom(1));
    double limit = Math.sqrt(6.0 / (12 + 400));
    double max = 0;
    for (float v : w) {
      assertTrue(Math.abs(v) <= limit, "value " + v + " beyond " + limit);
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max > 0.9 * limit, "values should fill the range");
  }

  @Test
  void unitForgetBiasStartsTheForgetSliceAtOne() {
    float[] b =
        Initializers.lstmUnitForgetBias(Initializers.constant(0.03f), 2)
            .values(new long[] {8}, new SplittableRandom(0));
    assertArrayEquals(new float[] {0.03f, 0.03f, 1f, 1f, 0.03f, 0.03f, 0.03f, 0.03f}, b);
  }

  @Test
  void sameSeedSameValues() {
    long[] shape = {5, 20};
    assertArrayEquals(
        Initializers.orthogonal().values(shape, new SplittableRandom(9)),
        Initializers.orthogonal().values(shape, new SplittableRandom(9)));
  }
}
