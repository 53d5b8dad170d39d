package dev.seq2seq4j.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Initializers;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.RepeatVector;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.testing.ForwardRunner;
import dev.seq2seq4j.testing.Tolerance;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Losses;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link RnnKernel#FUSED} against the unrolled graph and Keras's golden values: forward outputs,
 * gradients and short trainings agree within 1e-5; fused training repeats bit for bit; layers the
 * fused kernel cannot compute fall back to the unrolled graph.
 */
class FusedLstmParityTest {
  private static final double TOL = 1e-5;

  private static FloatBlock random(long seed, long... shape) {
    SplittableRandom r = new SplittableRandom(seed);
    FloatBlock b = FloatBlock.of(new float[(int) FloatBlock.checkedSize(shape)], shape);
    float[] d = b.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return FloatBlock.of(d, shape);
  }

  private static void assertForwardParity(UnaryOperator<LSTM.Builder> options, String what) {
    SymbolicTensor x = InputLayer.input("x", 7, 5);
    LSTM lstm = options.apply(LSTM.builder(6)).build();
    Model m = Model.functional("m", List.of(x), lstm.applyAll(x));
    FloatBlock in = random(11, 4, 7, 5);
    List<FloatBlock> unrolled = ForwardRunner.run(m, 3, RnnKernel.UNROLLED, Map.of(), in);
    List<FloatBlock> fused = ForwardRunner.run(m, 3, RnnKernel.FUSED, Map.of(), in);
    assertEquals(unrolled.size(), fused.size(), what);
    for (int i = 0; i < unrolled.size(); i++) {
      assertArrayEquals(unrolled.get(i).shape(), fused.get(i).shape(), what + " output " + i);
      Tolerance.assertAllClose(unrolled.get(i).data(), fused.get(i).data(), TOL, TOL,
          what + " output " + i);
    }
  }

  @Test
  void forwardMatchesTheUnrolledGraphForEveryWiring() {
    assertForwardParity(b -> b, "last output");
    assertForwardParity(b -> b.returnSequences(true), "return_sequences");
    assertForwardParity(b -> b.returnSequences(true).returnState(true), "sequences + state");
    assertForwardParity(b -> b.returnState(true), "return_state");
    assertForwardParity(b -> b.goBackwards(true), "go_backwards");
    assertForwardParity(b -> b.goBackwards(true).returnSequences(true).returnState(true),
        "go_backwards sequences + state");
    assertForwardParity(b -> b.useBias(false), "no bias");
    assertForwardParity(b -> b.unitForgetBias(false), "no unit forget bias");
  }

  @Test
  void initialStateMatchesTheUnrolledGraph() {
    SymbolicTensor x = InputLayer.input("x", 4, 3);
    SymbolicTensor h = InputLayer.input("h", 5);
    SymbolicTensor c = InputLayer.input("c", 5);
    LSTM lstm = LSTM.builder(5).returnSequences(true).returnState(true).build();
    Model m = Model.functional("m", List.of(x, h, c), lstm.applyAll(x, h, c));
    FloatBlock[] in = {random(1, 3, 4, 3), random(2, 3, 5), random(3, 3, 5)};
    List<FloatBlock> unrolled = ForwardRunner.run(m, 9, RnnKernel.UNROLLED, Map.of(), in);
    List<FloatBlock> fused = ForwardRunner.run(m, 9, RnnKernel.FUSED, Map.of(), in);
    for (int i = 0; i < unrolled.size(); i++) {
      Tolerance.assertAllClose(unrolled.get(i).data(), fused.get(i).data(), TOL, TOL,
          "output " + i);
    }
  }

  @Test
  void fusedKernelGivesKerasGoldenValues() {
    // keras/src/layers/rnn/lstm_test.py test_correctness: constant initializers.
    SymbolicTensor x = InputLayer.input("x", 6, 4);
    LSTM lstm = LSTM.builder(3)
        .kernelInitializer(Initializers.constant(0.01f))
        .recurrentInitializer(Initializers.constant(0.02f))
        .biasInitializer(Initializers.constant(0.03f)).build();
    Model m = Model.functional("m", List.of(x), List.of(lstm.apply(x)));
    FloatBlock out = ForwardRunner.run(m, 0, RnnKernel.FUSED, Map.of(),
        ForwardRunner.arange(3, 6, 4)).get(0);
    double[] golden = {0.6288687, 0.86899155, 0.9460773};
    for (int r = 0; r < 3; r++) {
      for (int u = 0; u < 3; u++) {
        assertEquals(golden[r], out.get(r, u), TOL + TOL * golden[r], "row " + r);
      }
    }
  }

  /** Brownlee's adder wiring at a small size: encoder, RepeatVector, decoder, softmax. */
  private static Model seq2seq() {
    SymbolicTensor x = InputLayer.input("input", 5, 4);
    SymbolicTensor enc = LSTM.builder(8).build().apply(x);
    SymbolicTensor dec = LSTM.builder(6).returnSequences(true).build()
        .apply(new RepeatVector(3).apply(enc));
    SymbolicTensor y = new TimeDistributed(Dense.of(4, "softmax")).apply(dec);
    return Model.functional("small_seq2seq", List.of(x), List.of(y));
  }

  private static Dataset oneHotData(int n) {
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[n * 5 * 4];
    float[] y = new float[n * 3 * 4];
    for (int i = 0; i < n * 5; i++) {
      x[i * 4 + r.nextInt(4)] = 1;
    }
    for (int i = 0; i < n * 3; i++) {
      y[i * 4 + r.nextInt(4)] = 1;
    }
    return Dataset.of(FloatBlock.of(x, n, 5, 4), FloatBlock.of(y, n, 3, 4));
  }

  private static CompiledModel compile(RnnKernel kernel, String optimizer) {
    return CompiledModel.compile(seq2seq(), CompileOptions.builder(Losses.categoricalCrossentropy())
        .seed(4).optimizer(optimizer).rnnKernel(kernel).build());
  }

  private static float[] train(RnnKernel kernel, int steps) {
    Dataset data = oneHotData(40);
    float[] losses = new float[steps];
    try (CompiledModel cm = compile(kernel, "adam")) {
      for (int s = 0; s < steps; s++) {
        int from = (s * 8) % 40;
        losses[s] = cm.trainOnBatch(data.slice(from, from + 8), new long[] {1, s}).loss();
      }
    }
    return losses;
  }

  @Test
  void gradientsMatchTheUnrolledGraph() {
    // One SGD step with learning rate 1 moves every weight by minus its gradient.
    Dataset batch = oneHotData(8);
    Weights before;
    Weights unrolled;
    Weights fused;
    try (CompiledModel cm = CompiledModel.compile(seq2seq(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).seed(4).optimizer("sgd")
            .learningRate(1f).build())) {
      before = cm.weights();
      cm.trainOnBatch(batch, new long[] {1, 0});
      unrolled = cm.weights();
    }
    try (CompiledModel cm = CompiledModel.compile(seq2seq(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).seed(4).optimizer("sgd")
            .learningRate(1f).rnnKernel(RnnKernel.FUSED).build())) {
      cm.trainOnBatch(batch, new long[] {1, 0});
      fused = cm.weights();
    }
    for (String name : before.names()) {
      float[] w0 = before.get(name).data();
      float[] gu = new float[w0.length];
      float[] gf = new float[w0.length];
      for (int i = 0; i < w0.length; i++) {
        gu[i] = w0[i] - unrolled.get(name).data()[i];
        gf[i] = w0[i] - fused.get(name).data()[i];
      }
      Tolerance.assertAllClose(gu, gf, TOL, TOL, "gradient of " + name);
    }
  }

  @Test
  void fusedTrainingFollowsTheUnrolledLossesAndRepeatsBitForBit() {
    float[] unrolled = train(RnnKernel.UNROLLED, 25);
    float[] fused = train(RnnKernel.FUSED, 25);
    Tolerance.assertAllClose(unrolled, fused, TOL, TOL, "losses over 25 Adam steps");
    assertArrayEquals(fused, train(RnnKernel.FUSED, 25), "a second fused run");
  }

  @Test
  void layersTheKernelCannotComputeAreUnrolled() {
    SymbolicTensor x = InputLayer.input("x", 4, 3);
    LSTM lstm = LSTM.builder(4).recurrentActivation("hard_sigmoid").returnSequences(true).build();
    Model m = Model.functional("m", List.of(x), List.of(lstm.apply(x)));
    FloatBlock in = random(8, 2, 4, 3);
    assertArrayEquals(ForwardRunner.run(m, 1, RnnKernel.UNROLLED, Map.of(), in).get(0).data(),
        ForwardRunner.run(m, 1, RnnKernel.FUSED, Map.of(), in).get(0).data());
  }
}
