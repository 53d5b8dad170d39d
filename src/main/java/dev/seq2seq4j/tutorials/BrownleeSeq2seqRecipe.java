package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
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
 * Brownlee's character-level seq2seq adder ({@code addition-seq2seq}): {@code " 3+10"} to
 * {@code "13"}, LSTM(100) -> RepeatVector -> LSTM(50, return_sequences) -> TimeDistributed(Dense
 * softmax), 30 epochs each on 1000 fresh samples, batch 10. Like the tutorial, one seeded Python
 * random stream draws each epoch's data and then the 1000 evaluation samples.
 *
 * <p>{@code --units} sets the encoder width; the decoder keeps the tutorial's ratio (half).
 */
public final class BrownleeSeq2seqRecipe implements Recipe {
  private static final int EXAMPLES_SHOWN = 20;

  @Override
  public String name() {
    return "addition-seq2seq";
  }

  @Override
  public String description() {
    return "Brownlee: seq2seq adder LSTM(100) -> RepeatVector -> LSTM(50) -> softmax over chars";
  }

  @Override
  public RecipeConfig defaults() {
    return new RecipeConfig(1, 30, 10, 1000, 10, 2, 0, 100);
  }

  @Override
  public Loss loss() {
    return Losses.categoricalCrossentropy();
  }

  private static AdditionProblem problem(RecipeConfig config) {
    BrownleeMappingRecipe.requirePositive("terms", config.terms());
    BrownleeMappingRecipe.requirePositive("largest", config.largest());
    return new AdditionProblem(config.terms(), config.largest());
  }

  /**
   * The decoder width for an encoder width: half, as 100 to 50 in the tutorial.
   *
   * @param encoderUnits the encoder width
   * @return the decoder width, at least 1
   */
  static int decoderUnits(int encoderUnits) {
    return Math.max(1, encoderUnits / 2);
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    AdditionProblem p = problem(config);
    BrownleeMappingRecipe.requirePositive("units", config.units());
    return TutorialModels.additionSeq2seq(
        p.inputLength(),
        p.outputLength(),
        p.alphabet().size(),
        config.units(),
        decoderUnits(config.units()));
  }

  @Override
  public RecipeResult run(RecipeConfig config, Reporter reporter,
      UnaryOperator<FitOptions.Builder> fitSetup) {
    AdditionProblem problem = problem(config);
    Model model = buildModel(config);
    reporter.println(model.summary());
    PythonRandom rnd = new PythonRandom(config.seed());
    try (CompiledModel compiled = compile(model, config)) {
      FitOptions.Builder fit = Recipe.fitOptions(config, reporter, fitSetup);
      History history =
          compiled.fit(epoch -> problem.generate(config.samples(), rnd), fit.build());

      // The tutorial evaluates on n_samples new patterns drawn after training.
      Dataset test = problem.generate(config.samples(), rnd);
      FloatBlock probs = compiled.predict(test.x());
      int exact = 0;
      int positions = 0;
      int rightPositions = 0;
      int outLen = problem.outputLength();
      for (int i = 0; i < test.size(); i++) {
        String expected = problem.decodeOutput(test.y().row(i));
        String predicted = problem.decodeOutput(probs.row(i));
        if (expected.equals(predicted)) {
          exact++;
        }
        for (int t = 0; t < outLen; t++) {
          positions++;
          if (expected.charAt(t) == predicted.charAt(t)) {
            rightPositions++;
          }
        }
        if (i < EXAMPLES_SHOWN) {
          reporter.printf("Expected=%s, Predicted=%s%n", expected, predicted);
        }
      }
      double exactAccuracy = exact / (double) test.size();
      reporter.printf(
          "Exact-match sums: %d/%d (%.1f%%)%n", exact, test.size(), 100 * exactAccuracy);
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put(RecipeResult.EXACT_MATCH_ACCURACY, exactAccuracy);
      metrics.put(RecipeResult.TEST_ACCURACY, rightPositions / (double) positions);
      metrics.put("loss", history.last().get("loss").orElse(Double.NaN));
      metrics.put("accuracy", history.last().get("accuracy").orElse(Double.NaN));
      return new RecipeResult(name(), config, history, metrics, compiled.weights());
    }
  }

  @Override
  public String answer(RecipeConfig config, CompiledModel model, String question) {
    AdditionProblem problem = problem(config);
    String input = problem.parseInput(question);
    FloatBlock x =
        FloatBlock.of(
            problem.alphabet().oneHot(input), 1, problem.inputLength(), problem.alphabet().size());
    return problem.decodeSum(model.predict(x).row(0));
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    return exampleSum(config.terms(), config.largest());
  }

  /** An example question such as {@code 3+10}: terms counting up, capped at {@code largest}. */
  static String exampleSum(int terms, int largest) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < terms; i++) {
      sb.append(i == 0 ? "" : "+").append(Math.min(largest, 3 + 7 * i));
    }
    return sb.toString();
  }
}
