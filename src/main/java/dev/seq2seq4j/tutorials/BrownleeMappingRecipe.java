package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.NormalisedSums;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Brownlee's "beginner's mistake": addition as a regression on normalised terms, with an MLP
 * ({@code addition-mlp}) or an LSTM ({@code addition-lstm}). As in the tutorial, Python's
 * {@code random} is seeded once, every epoch draws fresh samples from it, the model trains with
 * MSE and Adam, and the RMSE of the inverted sums is measured on 100 further samples from the
 * same stream.
 */
public final class BrownleeMappingRecipe implements Recipe {
  /** Examples the tutorial evaluates on and prints. */
  static final int EVAL_SAMPLES = 100;

  private static final int EXAMPLES_SHOWN = 20;

  private final String name;
  private final boolean lstm;
  private final RecipeConfig defaults;

  private BrownleeMappingRecipe(String name, boolean lstm, RecipeConfig defaults) {
    this.name = name;
    this.lstm = lstm;
    this.defaults = defaults;
  }

  /**
   * {@code addition-mlp}: Dense(4) -> Dense(2) -> Dense(1), 50 epochs of 100 samples, batch 2.
   *
   * @return the recipe
   */
  public static BrownleeMappingRecipe mlp() {
    return new BrownleeMappingRecipe(
        "addition-mlp", false, new RecipeConfig(1, 50, 2, 100, 100, 2, 0, 0));
  }

  /**
   * {@code addition-lstm}: LSTM(10) -> Dense(1), 100 epochs of 100 samples, batch 1.
   *
   * @return the recipe
   */
  public static BrownleeMappingRecipe lstm() {
    return new BrownleeMappingRecipe(
        "addition-lstm", true, new RecipeConfig(1, 100, 1, 100, 100, 2, 0, 10));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return lstm
        ? "Brownlee: LSTM(10) -> Dense(1) regression on normalised sums (RMSE)"
        : "Brownlee: MLP Dense 4 -> 2 -> 1 regression on normalised sums (RMSE)";
  }

  @Override
  public RecipeConfig defaults() {
    return defaults;
  }

  @Override
  public Loss loss() {
    return Losses.meanSquaredError();
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    NormalisedSums sums = sums(config);
    if (lstm) {
      requirePositive("units", config.units());
      return TutorialModels.additionLstm(sums.nNumbers(), config.units());
    }
    return TutorialModels.additionMlp(sums.nNumbers());
  }

  private static NormalisedSums sums(RecipeConfig config) {
    requirePositive("terms", config.terms());
    requirePositive("largest", config.largest());
    return new NormalisedSums(config.terms(), config.largest());
  }

  static void requirePositive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + value);
    }
  }

  private Dataset draw(NormalisedSums sums, int n, PythonRandom rnd) {
    return lstm ? sums.generateSequences(n, rnd) : sums.generate(n, rnd);
  }

  @Override
  public RecipeResult run(RecipeConfig config, Reporter reporter,
      UnaryOperator<FitOptions.Builder> fitSetup) {
    NormalisedSums sums = sums(config);
    Model model = buildModel(config);
    reporter.println(model.summary());
    // One stream for everything, as the tutorial's seed(1): each epoch's data, then the test.
    PythonRandom rnd = new PythonRandom(config.seed());
    try (CompiledModel compiled = compile(model, config)) {
      FitOptions.Builder fit = Recipe.fitOptions(config, reporter, fitSetup);
      History history = compiled.fit(epoch -> draw(sums, config.samples(), rnd), fit.build());

      Dataset test = draw(sums, EVAL_SAMPLES, rnd);
      int[] expected = sums.invertAll(test.y().data());
      int[] predicted = sums.invertAll(compiled.predict(test.x()).data());
      double rmse = NormalisedSums.rmse(expected, predicted);
      reporter.printf("RMSE: %f%n", rmse);
      for (int i = 0; i < Math.min(EXAMPLES_SHOWN, expected.length); i++) {
        reporter.printf(
            "Expected=%d, Predicted=%d (err=%d)%n",
            expected[i], predicted[i], expected[i] - predicted[i]);
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put(RecipeResult.RMSE, rmse);
      metrics.put("loss", history.last().get("loss").orElse(Double.NaN));
      return new RecipeResult(name, config, history, metrics, compiled.weights());
    }
  }

  @Override
  public String answer(RecipeConfig config, CompiledModel model, String question) {
    NormalisedSums sums = sums(config);
    int[] terms = sums.problem().parseTerms(question);
    float[] x = new float[terms.length];
    for (int i = 0; i < terms.length; i++) {
      x[i] = sums.normalise(terms[i]);
    }
    FloatBlock input =
        lstm ? FloatBlock.of(x, 1, terms.length, 1) : FloatBlock.of(x, 1, terms.length);
    return Integer.toString(sums.invert(model.predict(input).data()[0]));
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    return BrownleeSeq2seqRecipe.exampleSum(config.terms(), config.largest());
  }
}
