package dev.seq2seq4j.nn.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.testing.GradientCheck;
import dev.seq2seq4j.testing.RandomBlocks;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.Losses;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Conv1D trains in Java: gradients match finite differences, and Adam lowers the loss. */
class Conv1DTrainingTest {
  /** Input (7, 3) -> conv -> between -> Dense(1). */
  private static Model model(Conv1D conv, UnaryOperator<SymbolicTensor> between) {
    SymbolicTensor x = InputLayer.input("x", 7, 3);
    SymbolicTensor h = between.apply(conv.apply(x));
    return Model.functional("conv", List.of(x), List.of(Dense.of(1, "linear").apply(h)));
  }

  @Test
  void causalDilatedKernelGradientsMatchFiniteDifferences() {
    Conv1D conv = Conv1D.builder(2, 3).padding(Padding.CAUSAL).dilationRate(2)
        .activation("tanh").name("conv").build();
    Model m = model(conv, t -> t);
    FloatBlock x = RandomBlocks.uniform(1, -1, 1, 4, 7, 3);
    FloatBlock y = RandomBlocks.uniform(2, -1, 1, 4, 7, 1);
    try (GradientCheck g =
        new GradientCheck(m, Losses.meanSquaredError(), List.of(x), y, 3, true)) {
      GradientCheck.assertAgree(g.compare(List.of("conv/kernel", "conv/bias"), GradientCheck.STEP));
    }
  }

  @Test
  void stridedSamePaddingGradientsMatchFiniteDifferences() {
    Conv1D conv = Conv1D.builder(2, 3).strides(2).padding(Padding.SAME).activation("tanh")
        .name("conv").build();
    // Average pooling with same padding (a ragged last window) sits between, so its gradient
    // is part of what is checked.
    Model m = model(conv, t -> new AveragePooling1D(2, 1, Padding.SAME, null).apply(t));
    FloatBlock x = RandomBlocks.uniform(4, -1, 1, 4, 7, 3);
    FloatBlock y = RandomBlocks.uniform(5, -1, 1, 4, 4, 1);
    try (GradientCheck g =
        new GradientCheck(m, Losses.meanSquaredError(), List.of(x), y, 6, true)) {
      GradientCheck.assertAgree(g.compare(List.of("conv/kernel", "conv/bias"), GradientCheck.STEP));
    }
  }

  @Test
  void aConvolutionalModelLearnsWithAdam() {
    // The target is the mean of the first feature over the sequence, which the model can fit.
    int rows = 64;
    FloatBlock x = RandomBlocks.uniform(7, 0, 1, rows, 7, 3);
    float[] target = new float[rows];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < 7; t++) {
        target[r] += x.data()[(r * 7 + t) * 3] / 7f;
      }
    }
    Conv1D conv = Conv1D.builder(4, 3).padding(Padding.SAME).activation("relu").build();
    Model m = model(conv, t -> new GlobalAveragePooling1D(false, null).apply(t));
    Dataset data = Dataset.of(x, FloatBlock.of(target, rows, 1));
    try (CompiledModel cm = CompiledModel.compile(m,
        CompileOptions.builder(Losses.meanSquaredError()).learningRate(0.01f).seed(1).build())) {
      double before = cm.evaluate(data).get("loss");
      cm.fit(data, FitOptions.builder().epochs(10).batchSize(16).shuffle(false).build());
      double after = cm.evaluate(data).get("loss");
      assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
    }
  }
}
