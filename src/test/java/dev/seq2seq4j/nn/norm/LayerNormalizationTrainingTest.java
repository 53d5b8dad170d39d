package dev.seq2seq4j.nn.norm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.testing.GradientCheck;
import dev.seq2seq4j.testing.RandomBlocks;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.Losses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LayerNormalization trains in Java: gradients match finite differences, and Adam learns. */
class LayerNormalizationTrainingTest {
  /** Input (5, 3) -> Dense(4, tanh) -> LayerNormalization -> Dense(1). */
  private static Model model() {
    SymbolicTensor x = InputLayer.input("x", 5, 3);
    SymbolicTensor h = Dense.builder(4).activation("tanh").name("before").build().apply(x);
    h = new LayerNormalization(-1, 1e-3, true, true, "ln").apply(h);
    return Model.functional("ln", List.of(x),
        List.of(Dense.builder(1).name("after").build().apply(h)));
  }

  @Test
  void gradientsThroughTheNormalisationMatchFiniteDifferences() {
    FloatBlock x = RandomBlocks.uniform(31, -1, 1, 4, 5, 3);
    FloatBlock y = RandomBlocks.uniform(32, -1, 1, 4, 5, 1);
    try (GradientCheck g =
        new GradientCheck(model(), Losses.meanSquaredError(), List.of(x), y, 33, true)) {
      g.setWeights(Weights.of(Map.of(
          "ln/gamma", FloatBlock.of(new float[] {1.3f, 0.6f, -0.8f, 1f}, 4),
          "ln/beta", FloatBlock.of(new float[] {0.1f, -0.3f, 0.2f, 0f}, 4))));
      GradientCheck.assertAgree(g.compare(List.of("before/kernel", "before/bias", "ln/gamma",
          "ln/beta"), GradientCheck.STEP));
    }
  }

  @Test
  void aModelWithLayerNormalizationLearnsWithAdam() {
    FloatBlock x = RandomBlocks.uniform(41, -1, 1, 64, 5, 3);
    float[] target = new float[64 * 5];
    for (int i = 0; i < target.length; i++) {
      target[i] = x.data()[i * 3] - 0.5f * x.data()[i * 3 + 2];
    }
    Dataset data = Dataset.of(x, FloatBlock.of(target, 64, 5, 1));
    try (CompiledModel cm = CompiledModel.compile(model(),
        CompileOptions.builder(Losses.meanSquaredError()).learningRate(0.01f).seed(3).build())) {
      double before = cm.evaluate(data).get("loss");
      cm.fit(data, FitOptions.builder().epochs(10).batchSize(16).shuffle(false).build());
      double after = cm.evaluate(data).get("loss");
      assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
    }
  }
}
