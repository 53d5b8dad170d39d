package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.NormalisedSums;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brownlee's "beginner's mistake": addition as a regression on normalised terms, with an MLP
 * ({@code addition-mlp}) or an LSTM ({@code addition-lstm}). As in the tutorial, Python's
 * {@code random} is seeded once, every epoch draws fresh samples from it, the model trains with
 * MSE and Adam, and the RMSE of the inverted sums is measured on 100 further samples from the
 * same stream.
 */
public final class BrownleeMappingRecipe extends RecipeSkeleton {
  /** Examples the tutorial evaluates on and prints. */
  static final int EVAL_SAMPLES = 100;

  private static final int EXAMPLES_SHOWN = 20;

  private final String name;
  private final boolean lstm;
  private final List<Knob<?>> knobs;

  private BrownleeMappingRecipe(String name, boolean lstm, List<Knob<?>> knobs) {
    this.name = name;
    this.lstm = lstm;
    this.knobs = knobs;
  }

  /**
   * {@code addition-mlp}: Dense(4) -> Dense(2) -> Dense(1), 50 epochs of 100 samples, batch 2.
   *
   * @return the recipe
   */
  public static BrownleeMappingRecipe mlp() {
    return new BrownleeMappingRecipe("addition-mlp", false, List.of(
        Knobs.SEED, Knobs.EPOCHS.withDefault(50), Knobs.BATCH.withDefault(2),
        Knobs.SAMPLES.withDefault(100), Knobs.LARGEST.withDefault(100),
        Knobs.TERMS.withDefault(2)));
  }

  /**
   * {@code addition-lstm}: LSTM(10) -> Dense(1), 100 epochs of 100 samples, batch 1.
   *
   * @return the recipe
   */
  public static BrownleeMappingRecipe lstm() {
    return new BrownleeMappingRecipe("addition-lstm", true, List.of(
        Knobs.SEED, Knobs.EPOCHS.withDefault(100), Knobs.BATCH.withDefault(1),
        Knobs.SAMPLES.withDefault(100), Knobs.LARGEST.withDefault(100),
        Knobs.TERMS.withDefault(2), Knobs.UNITS.withDefault(10)));
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
  public List<Knob<?>> knobs() {
    return knobs;
  }

  @Override
  public Loss loss() {
    return Losses.meanSquaredError();
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    NormalisedSums sums = sums(config);
    if (lstm) {
      return TutorialModels.additionLstm(sums.nNumbers(), config.get(Knobs.UNITS));
    }
    return TutorialModels.additionMlp(sums.nNumbers());
  }

  private static NormalisedSums sums(RecipeConfig config) {
    return new NormalisedSums(config.get(Knobs.TERMS), config.get(Knobs.LARGEST));
  }

  private Dataset draw(NormalisedSums sums, int n, PythonRandom rnd) {
    return lstm ? sums.generateSequences(n, rnd) : sums.generate(n, rnd);
  }

  @Override
  protected RunPlan plan(RecipeConfig config, Model model) {
    NormalisedSums sums = sums(config);
    // One stream for everything, as the tutorial's seed(1): each epoch's data, then the test.
    PythonRandom rnd = new PythonRandom(config.seed());
    return RunPlan.drawing(epoch -> draw(sums, config.samples(), rnd))
        .evaluation((compiled, history, reporter) -> {
          Dataset test = draw(sums, EVAL_SAMPLES, rnd);
          int[] expected = sums.invertAll(test.y().data());
          int[] predicted = sums.invertAll(compiled.predict(test.x()).data());
          double rmse = NormalisedSums.rmse(expected, predicted);
          reporter.printf("RMSE: %f%n", rmse);
          for (int i = 0; i < Math.min(EXAMPLES_SHOWN, expected.length); i++) {
            reporter.printf("Expected=%d, Predicted=%d (err=%d)%n",
                expected[i], predicted[i], expected[i] - predicted[i]);
          }
          Map<String, Double> metrics = new LinkedHashMap<>();
          metrics.put(RecipeResult.RMSE, rmse);
          return metrics;
        })
        .historyMetrics("loss")
        .build();
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
    return sums(config).problem().exampleQuestion();
  }
}
