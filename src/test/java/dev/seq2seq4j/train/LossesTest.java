package dev.seq2seq4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Losses against values worked out by hand from Keras's definitions. */
class LossesTest {
  private static float eval(Loss loss, float[][][] yTrue, float[][][] yPred) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> l = loss.compute(tf, tf.constant(yTrue), tf.constant(yPred));
      try (TFloat32 t = (TFloat32) s.runner().fetch(l).run().get(0)) {
        return t.getFloat();
      }
    }
  }

  @Test
  void categoricalCrossentropyAveragesOverSamplesAndSteps() {
    float[][][] y = {{{1, 0}, {0, 1}}};
    float[][][] p = {{{0.8f, 0.2f}, {0.4f, 0.6f}}};
    double expected = (-Math.log(0.8) - Math.log(0.6)) / 2;
    assertEquals(expected, eval(Losses.categoricalCrossentropy(), y, p), 1e-6);
  }

  @Test
  void categoricalCrossentropyClipsZeroProbabilitiesLikeKeras() {
    float[][][] y = {{{1, 0}}};
    float[][][] p = {{{0f, 1f}}};
    // Keras clips to [1e-7, 1 - 1e-7]: -log(1e-7) = 16.118...
    assertEquals(-Math.log(1e-7), eval(Losses.categoricalCrossentropy(), y, p), 1e-3);
  }

  @Test
  void meanSquaredErrorAveragesTheLastAxis() {
    float[][][] y = {{{1, 2}}, {{0, 0}}};
    float[][][] p = {{{0, 0}}, {{3, 1}}};
    // sample 1: (1 + 4) / 2 = 2.5; sample 2: (9 + 1) / 2 = 5; mean 3.75
    assertEquals(3.75, eval(Losses.meanSquaredError(), y, p), 1e-6);
  }
}
