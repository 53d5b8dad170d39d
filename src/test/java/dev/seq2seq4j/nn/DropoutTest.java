package dev.seq2seq4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.rnn.LSTM;
import dev.seq2seq4j.testing.RandomBlocks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt64;

/**
 * Dropout drops in training (each value with probability rate, the rest scaled by 1 / (1 -
 * rate)), passes everything through in inference, and draws the same masks for the same step
 * seed; an LSTM's input dropout keeps one mask for every timestep.
 */
class DropoutTest {
  private static final int ROWS = 200;
  private static final int WIDTH = 50;

  private static float[] run(Model model, FloatBlock x, boolean training, long[] seed) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      ModelGraph mg = ModelGraph.build(model, Ops.create(g));
      mg.initialize(s, 1);
      try (Tensor in = dev.seq2seq4j.nn.Tensors.float32(x);
          TBool flag = TBool.scalarOf(training);
          TInt64 steps = TInt64.vectorOf(seed);
          Result r = s.runner().feed(mg.inputs().get("x"), in).feed(mg.training(), flag)
              .feed(mg.stepSeed(), steps).fetch(mg.outputs().get(0)).run()) {
        return Tensors.toBlock(r.get(0)).data();
      }
    }
  }

  @Test
  void dropsAtTheRateInTrainingAndPassesThroughInInference() {
    SymbolicTensor x = InputLayer.input("x", WIDTH);
    Model m = Model.functional("d", List.of(x), List.of(new Dropout(0.3f).apply(x)));
    FloatBlock ones = FloatBlock.of(filled(ROWS * WIDTH, 1f), ROWS, WIDTH);
    assertArrayEquals(ones.data(), run(m, ones, false, new long[] {5, 1}), 0f);
    float[] dropped = run(m, ones, true, new long[] {5, 1});
    int zeros = 0;
    for (float v : dropped) {
      if (v == 0f) {
        zeros++;
      } else {
        assertEquals(1f / 0.7f, v, 1e-6f); // the kept values are scaled up
      }
    }
    double rate = zeros / (double) dropped.length;
    assertTrue(Math.abs(rate - 0.3) < 0.02, "dropped " + rate);
    assertArrayEquals(dropped, run(m, ones, true, new long[] {5, 1}), 0f);
    assertFalse(java.util.Arrays.equals(dropped, run(m, ones, true, new long[] {5, 2})));
  }

  @Test
  void lstmInputDropoutUsesOneMaskForEveryStep() {
    SymbolicTensor x = InputLayer.input("x", 3, WIDTH);
    SymbolicTensor h = LSTM.builder(2).dropout(0.5f).recurrentDropout(0.5f).build().apply(x);
    Model m = Model.functional("l", List.of(x), List.of(h));
    FloatBlock in = RandomBlocks.uniform(3, -1, 1, 4, 3, WIDTH);
    float[] inference = run(m, in, false, new long[] {9, 9});
    float[] training = run(m, in, true, new long[] {9, 9});
    assertFalse(java.util.Arrays.equals(inference, training));
    assertArrayEquals(training, run(m, in, true, new long[] {9, 9}), 0f);
  }

  private static float[] filled(int n, float v) {
    float[] d = new float[n];
    java.util.Arrays.fill(d, v);
    return d;
  }
}
