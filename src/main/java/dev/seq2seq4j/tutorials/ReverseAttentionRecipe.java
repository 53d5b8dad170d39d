package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.nn.seq2seq.EncoderDecoder;
import dev.seq2seq4j.nn.seq2seq.GreedyDecoder;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.EarlyStopping;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Beyond Karakaya's Part B, where its LSTM wirings fail on long sequences: an encoder-decoder
 * with Luong attention ({@link EncoderDecoder#withAttention}), trained with teacher forcing on
 * the same data and schedule (2000 / 200 samples, batch 32, up to 100 epochs, EarlyStopping on
 * val_loss with patience 5), and scored honestly: the decoder runs greedily, fed its own
 * predictions, never the answer.
 */
final class ReverseAttentionRecipe implements Recipe {
  static final String NAME = "reverse-attention";
  private static final int FEATURES = KarakayaReverseRecipe.FEATURES;
  private static final int DEFAULT_UNITS = 64;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Beyond the tutorial: LSTM encoder-decoder with attention, teacher forcing, greedy decoding";
  }

  @Override
  public RecipeConfig defaults() {
    return new RecipeConfig(1, 100, 32, ReversedSequenceProblem.TRAIN_SIZE, 0, 0,
        ReversedSequenceProblem.DEFAULT.nTimesteps(), DEFAULT_UNITS);
  }

  @Override
  public Loss loss() {
    return Losses.categoricalCrossentropy();
  }

  private static ReversedSequenceProblem problem(RecipeConfig config) {
    BrownleeMappingRecipe.requirePositive("length", config.length());
    return new ReversedSequenceProblem(config.length(), FEATURES);
  }

  private static EncoderDecoder models(RecipeConfig config) {
    BrownleeMappingRecipe.requirePositive("units", config.units());
    int t = config.length();
    return EncoderDecoder.withAttention(t, FEATURES, t, FEATURES + 1, FEATURES, config.units());
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    problem(config);
    return models(config).training();
  }

  /** The decoder's teacher-forced input: a start token (index F), then y shifted right. */
  static FloatBlock shiftedTarget(FloatBlock y) {
    int n = y.rows();
    int steps = (int) y.shape()[1];
    int width = FEATURES + 1;
    float[] d = new float[n * steps * width];
    for (int s = 0; s < n; s++) {
      d[s * steps * width + FEATURES] = 1f;
      for (int t = 1; t < steps; t++) {
        for (int k = 0; k < FEATURES; k++) {
          d[(s * steps + t) * width + k] = y.get(s, t - 1, k);
        }
      }
    }
    return FloatBlock.of(d, n, steps, width);
  }

  private static Dataset teacherForced(Dataset d) {
    return Dataset.of(List.of(d.x(), shiftedTarget(d.y())), d.y());
  }

  @Override
  public RecipeResult run(RecipeConfig config, Reporter reporter,
      UnaryOperator<FitOptions.Builder> fitSetup) {
    ReversedSequenceProblem problem = problem(config);
    EncoderDecoder models = models(config);
    reporter.println(models.training().summary());
    PythonRandom rnd = new PythonRandom(config.seed());
    Dataset train = problem.generate(config.samples(), rnd);
    Dataset test = problem.generate(KarakayaReverseRecipe.testSamples(config.samples()), rnd);
    try (CompiledModel compiled = compile(models.training(), config)) {
      FitOptions.Builder fit = Recipe.fitOptions(config, reporter, fitSetup)
          .validation(teacherForced(test))
          .listener(new EarlyStopping("val_loss", KarakayaReverseRecipe.PATIENCE, false));
      History history = compiled.fit(teacherForced(train), fit.build());
      Weights weights = compiled.weights();
      int[][] predicted = decode(models, weights, test.x(), problem);
      int[][] truth = problem.sequences(test.y());
      long right = 0;
      int exact = 0;
      for (int i = 0; i < truth.length; i++) {
        boolean all = true;
        for (int t = 0; t < truth[i].length; t++) {
          boolean ok = truth[i][t] == predicted[i][t];
          right += ok ? 1 : 0;
          all &= ok;
        }
        exact += all ? 1 : 0;
      }
      double perPosition = right / (double) ((long) truth.length * problem.nTimesteps());
      reporter.println("PREDICTION ACCURACY (%), greedy decoding without teacher forcing:");
      reporter.printf("Test: %.3f (whole sequence right: %.1f%%)%n", 100 * perPosition,
          100.0 * exact / truth.length);
      int[][] inputs = problem.sequences(test.x());
      for (int i = 0; i < Math.min(10, inputs.length); i++) {
        reporter.println(ReversedSequenceProblem.format(inputs[i], predicted[i]));
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put(RecipeResult.TEST_ACCURACY, perPosition);
      metrics.put(RecipeResult.EXACT_MATCH_ACCURACY, exact / (double) truth.length);
      metrics.put("loss", history.last().get("loss").orElse(Double.NaN));
      metrics.put("val_loss", history.last().get("val_loss").orElse(Double.NaN));
      return new RecipeResult(NAME, config, history, metrics, weights);
    }
  }

  private static int[][] decode(EncoderDecoder models, Weights weights,
      FloatBlock source, ReversedSequenceProblem problem) {
    try (GreedyDecoder decoder = new GreedyDecoder(models, weights)) {
      return decoder.decode(source, FEATURES, problem.nTimesteps());
    }
  }

  @Override
  public String answer(RecipeConfig config, CompiledModel model, String question) {
    ReversedSequenceProblem problem = problem(config);
    int[] sequence = KarakayaReverseRecipe.parseSequence(question, problem);
    int[] out = decode(models(config), model.weights(),
        problem.encode(new int[][] {sequence}).x(), problem)[0];
    StringBuilder sb = new StringBuilder();
    for (int v : out) {
      sb.append(sb.length() == 0 ? "" : " ").append(v);
    }
    return sb.toString();
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    return KarakayaReverseRecipe.exampleFor(Math.max(1, config.length()));
  }
}
