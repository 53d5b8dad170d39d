package dev.seq2seq4j.nn.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Masking;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.Tensors;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.nn.conv.Conv1D;
import dev.seq2seq4j.nn.conv.GlobalMaxPooling1D;
import dev.seq2seq4j.nn.conv.Padding;
import dev.seq2seq4j.testing.GradientCheck;
import dev.seq2seq4j.testing.RandomBlocks;
import dev.seq2seq4j.testing.Tolerance;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.Losses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;

/**
 * BatchNormalization in training: one step computes what Keras 3.8 computes (batch statistics,
 * with and without a mask, and the moving-average update), gradients match finite differences,
 * a model with it learns, and only training steps move the moving statistics.
 */
class BatchNormalizationTest {
  /** Keras's training-step numbers below were computed for this input, two rows of 4 x 3. */
  private static final float[] X = {-0.4f, -0.030000001f, 0.34f, 0.71000004f, -0.21999994f,
      0.15000007f, 0.5200001f, 0.8900002f, -0.039999872f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f,
      -0.23999992f, 0.13000044f, 0.50000036f, 0.87000024f, -0.059999377f, 0.3100005f};

  /** gamma, beta, moving_mean, moving_variance the Keras layer was given. */
  private static Weights kerasWeights(String layer) {
    return Weights.of(Map.of(
        layer + "/gamma", FloatBlock.of(new float[] {1.5f, 0.5f, -1f}, 3),
        layer + "/beta", FloatBlock.of(new float[] {0.1f, -0.2f, 0.3f}, 3),
        layer + "/moving_mean", FloatBlock.of(new float[] {0.2f, -0.1f, 0.05f}, 3),
        layer + "/moving_variance", FloatBlock.of(new float[] {0.8f, 1.2f, 0.9f}, 3)));
  }

  /** Input (4, 3) [-> Masking(0)] -> BatchNormalization(momentum 0.9, epsilon 0.01). */
  private static Model kerasModel(boolean masked) {
    SymbolicTensor x = InputLayer.input("x", 4, 3);
    SymbolicTensor h = masked ? new Masking(0f, null).apply(x) : x;
    SymbolicTensor y = BatchNormalization.builder().momentum(0.9).epsilon(0.01).name("bn")
        .build().apply(h);
    return Model.functional("bn", List.of(x), List.of(y));
  }

  /**
   * One training-mode run with the layer updates: the output, then the moving mean and
   * variance after the update.
   */
  private static List<float[]> trainingStep(Model model, Weights weights) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      ModelGraph mg = ModelGraph.build(model, Ops.create(g));
      mg.initialize(s, 1);
      mg.setWeights(s, weights);
      List<Tensor> feeds = new ArrayList<>();
      Session.Runner r = s.runner();
      feeds.add(mg.feed(r, 0, FloatBlock.of(X, 2, 4, 3)));
      TBool on = TBool.scalarOf(true);
      feeds.add(on);
      r.feed(mg.training(), on).fetch(mg.outputs().get(0));
      mg.updates().forEach(r::addTarget);
      float[] y;
      try (Result res = r.run()) {
        y = Tensors.toBlock(res.get(0)).data();
      } finally {
        feeds.forEach(Tensor::close);
      }
      Weights after = mg.getWeights(s);
      return List.of(y, after.get("bn/moving_mean").data(), after.get("bn/moving_variance").data());
    }
  }

  @Test
  void aTrainingStepComputesWhatKerasComputes() {
    // Keras 3.8: BatchNormalization(momentum=0.9, epsilon=0.01)(x, training=True) with these
    // weights, then its moving_mean and moving_variance.
    List<float[]> got = trainingStep(kerasModel(false), kerasWeights("bn"));
    Tolerance.assertAllClose(new float[] {-1.8770389556884766f, -0.3791358470916748f,
        -0.5516620874404907f, 1.8903653621673584f, -0.6657527685165405f, 0.3350001573562622f,
        1.2454946041107178f, 1.0086941719055176f, 1.2216624021530151f, -0.5194157958030701f,
        -0.33388054370880127f, 1.0349972248077393f, -0.5194157958030701f, -0.33388054370880127f,
        1.0349972248077393f, -0.5194157958030701f, -0.33388054370880127f, 1.0349972248077393f,
        -1.3339893817901611f, -0.1377735137939453f, -1.2983269691467285f, 2.433415412902832f,
        -0.4243902266025543f, -0.41166508197784424f}, got.get(0), 1e-5, 0, "output");
    Tolerance.assertAllClose(new float[] {0.19824999570846558f, -0.08112497627735138f,
        0.06075001135468483f}, got.get(1), 1e-6, 0, "moving_mean");
    Tolerance.assertAllClose(new float[] {0.7385318279266357f, 1.0899860858917236f,
        0.8135918378829956f}, got.get(2), 1e-6, 0, "moving_variance");
  }

  @Test
  void aMaskedTrainingStepCountsRealStepsOnlyAsKerasDoes() {
    // Keras 3.8, the same layer after Masking(0.0): rows 0 (last step) and 1 (first two steps)
    // are padding, so the statistics come from 5 of the 8 steps.
    List<float[]> got = trainingStep(kerasModel(true), kerasWeights("bn"));
    Tolerance.assertAllClose(new float[] {-1.8810603618621826f, -0.4135267436504364f,
        -0.12117207050323486f, 1.2966517210006714f, -0.6493988633155823f, 0.7881784439086914f,
        0.7527191638946533f, 0.7285914421081543f, 1.6975289583206177f, -0.7359389066696167f,
        -0.37628376483917236f, 1.506087303161621f, -0.7359389066696167f, -0.37628376483917236f,
        1.506087303161621f, -0.7359389066696167f, -0.37628376483917236f, 1.506087303161621f,
        -1.4230115413665771f, -0.21489699184894562f, -0.8869428634643555f, 1.754700779914856f,
        -0.45076894760131836f, 0.022407174110412598f}, got.get(0), 1e-5, 0, "output");
    Tolerance.assertAllClose(new float[] {0.20920000970363617f, -0.07579997181892395f,
        0.07020001858472824f}, got.get(1), 1e-6, 0, "moving_mean");
    Tolerance.assertAllClose(new float[] {0.746453583240509f, 1.0952216386795044f,
        0.8133655190467834f}, got.get(2), 1e-6, 0, "moving_variance");
  }

  /** Input (5, 3) [-> Masking] -> Dense(3, tanh) -> BatchNormalization -> Dense(1). */
  private static Model gradientModel(boolean masked) {
    SymbolicTensor x = InputLayer.input("x", 5, 3);
    SymbolicTensor h = masked ? new Masking(0f, null).apply(x) : x;
    h = Dense.builder(3).activation("tanh").name("before").build().apply(h);
    h = BatchNormalization.builder().name("bn").build().apply(h);
    return Model.functional("bn_grad", List.of(x),
        List.of(Dense.builder(1).name("after").build().apply(h)));
  }

  private static void checkGradients(boolean masked, boolean training) {
    FloatBlock x = RandomBlocks.uniform(11, -1, 1, 4, 5, 3);
    if (masked) {
      float[] d = x.data().clone();
      Arrays.fill(d, 3 * 3, 5 * 3, 0f); // row 0 ends with two padding steps
      Arrays.fill(d, 15, 15 + 3, 0f); // row 1 starts with one
      x = FloatBlock.of(d, x.shape());
    }
    FloatBlock y = RandomBlocks.uniform(12, -1, 1, 4, 5, 1);
    try (GradientCheck g =
        new GradientCheck(gradientModel(masked), Losses.meanSquaredError(), List.of(x), y, 13,
            training)) {
      // Moving statistics away from 0 and 1, so inference-mode gradients depend on them.
      g.setWeights(Weights.of(Map.of(
          "bn/moving_mean", FloatBlock.of(new float[] {0.1f, -0.2f, 0.3f}, 3),
          "bn/moving_variance", FloatBlock.of(new float[] {0.5f, 1.5f, 0.8f}, 3),
          "bn/gamma", FloatBlock.of(new float[] {1.2f, 0.7f, -0.9f}, 3))));
      GradientCheck.assertAgree(g.compare(List.of("before/kernel", "before/bias", "bn/gamma",
          "bn/beta"), GradientCheck.STEP));
    }
  }

  @Test
  void trainingModeGradientsThroughBatchStatisticsMatchFiniteDifferences() {
    checkGradients(false, true);
  }

  @Test
  void maskedTrainingModeGradientsMatchFiniteDifferences() {
    checkGradients(true, true);
  }

  @Test
  void inferenceModeGradientsMatchFiniteDifferences() {
    checkGradients(false, false);
  }

  @Test
  void trainingMovesTheMovingStatisticsAndEvaluateAndPredictDoNot() {
    SymbolicTensor in = InputLayer.input("x", 6, 3);
    SymbolicTensor h = Conv1D.builder(4, 3).padding(Padding.SAME).build().apply(in);
    h = BatchNormalization.builder().name("bn").build().apply(h);
    h = new GlobalMaxPooling1D(false, null).apply(h);
    Model m = Model.functional("bn_learns", List.of(in), List.of(Dense.of(1, "linear").apply(h)));
    FloatBlock x = RandomBlocks.uniform(21, 0, 2, 64, 6, 3);
    float[] target = new float[64];
    for (int r = 0; r < 64; r++) {
      target[r] = x.data()[r * 18] + x.data()[r * 18 + 17];
    }
    Dataset data = Dataset.of(x, FloatBlock.of(target, 64, 1));
    try (CompiledModel cm = CompiledModel.compile(m,
        CompileOptions.builder(Losses.meanSquaredError()).learningRate(0.01f).seed(2).build())) {
      Weights start = cm.weights();
      double before = cm.evaluate(data).get("loss");
      cm.predict(x);
      assertStatistics(start, cm.weights(), true);

      cm.fit(data, FitOptions.builder().epochs(10).batchSize(16).shuffle(false).build());
      Weights trained = cm.weights();
      assertStatistics(start, trained, false);
      double after = cm.evaluate(data).get("loss");
      assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);

      cm.predict(x);
      cm.evaluate(data);
      assertStatistics(trained, cm.weights(), true);
    }
  }

  private static void assertStatistics(Weights a, Weights b, boolean same) {
    for (String w : List.of("bn/moving_mean", "bn/moving_variance")) {
      if (same) {
        assertArrayEquals(a.get(w).data(), b.get(w).data(), 0f, w);
      } else {
        assertFalse(Arrays.equals(a.get(w).data(), b.get(w).data()), w + " did not move");
      }
    }
  }
}
