package dev.seq2seq4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.testing.ForwardRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keras's dot-product Attention and Concatenate against their definitions. */
class AttentionTest {
  @Test
  void attentionIsSoftmaxOfDotProductsTimesValues() {
    SymbolicTensor q = InputLayer.input("q", 2, 2);
    SymbolicTensor v = InputLayer.input("v", 3, 2);
    Model m = Model.functional("att", List.of(q, v), List.of(new Attention().apply(q, v)));
    float[] query = {1, 0, 0, 2};
    float[] value = {1, 0, 0, 1, 1, 1};
    FloatBlock out = ForwardRunner.run(m, 0, FloatBlock.of(query, 1, 2, 2),
        FloatBlock.of(value, 1, 3, 2)).get(0);
    // Worked by hand: query row 1 = (1, 0) scores (1, 0, 1); row 2 = (0, 2) scores (0, 2, 2).
    float[] expected = new float[4];
    float[][] scores = {{1, 0, 1}, {0, 2, 2}};
    for (int i = 0; i < 2; i++) {
      double sum = 0;
      double[] w = new double[3];
      for (int j = 0; j < 3; j++) {
        w[j] = Math.exp(scores[i][j]);
        sum += w[j];
      }
      for (int j = 0; j < 3; j++) {
        expected[i * 2] += (float) (w[j] / sum * value[j * 2]);
        expected[i * 2 + 1] += (float) (w[j] / sum * value[j * 2 + 1]);
      }
    }
    assertArrayEquals(expected, out.data(), 1e-6f);
  }

  @Test
  void concatenateJoinsTheLastAxis() {
    SymbolicTensor a = InputLayer.input("a", 2, 1);
    SymbolicTensor b = InputLayer.input("b", 2, 2);
    Model m = Model.functional("cat", List.of(a, b), List.of(new Concatenate().apply(a, b)));
    FloatBlock out = ForwardRunner.run(m, 0, FloatBlock.of(new float[] {1, 2}, 1, 2, 1),
        FloatBlock.of(new float[] {3, 4, 5, 6}, 1, 2, 2)).get(0);
    assertArrayEquals(new long[] {1, 2, 3}, out.shape());
    assertArrayEquals(new float[] {1, 3, 4, 2, 5, 6}, out.data());
  }

  @Test
  void mismatchedShapesAreNamed() {
    SymbolicTensor q = InputLayer.input("q", 2, 3);
    SymbolicTensor v = InputLayer.input("v", 4, 5);
    Throwable t = assertThrows(IllegalArgumentException.class, () -> new Attention().apply(q, v));
    assertTrue(t.getMessage().contains("one width"), t.getMessage());
    Throwable c = assertThrows(IllegalArgumentException.class,
        () -> new Concatenate().apply(q, v));
    assertTrue(c.getMessage().contains("alike but for axis -1"), c.getMessage());
  }
}
