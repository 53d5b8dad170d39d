package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brownlee's character-level seq2seq adder ({@code addition-seq2seq}): {@code " 3+10"} to
 * {@code "13"}, LSTM(100) -> RepeatVector -> LSTM(50, return_sequences) -> TimeDistributed(Dense
 * softmax), 30 epochs each on 1000 fresh samples, batch 10. Like the tutorial, one seeded Python
 * random stream draws each epoch's data and then the 1000 evaluation samples.
 *
 * <p>{@code --units} sets the encoder width; the decoder keeps the tutorial's ratio (half).
 */
public final class BrownleeSeq2seqRecipe extends RecipeSkeleton {
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
  public List<Knob<?>> knobs() {
    return List.of(Knobs.SEED, Knobs.EPOCHS.withDefault(30), Knobs.BATCH.withDefault(10),
        Knobs.SAMPLES.withDefault(1000), Knobs.LARGEST.withDefault(10),
        Knobs.TERMS.withDefault(2), Knobs.UNITS.withDefault(100));
  }

  @Override
  public Loss loss() {
    return Losses.categoricalCrossentropy();
  }

  private static AdditionProblem problem(RecipeConfig config) {
    return new AdditionProblem(config.get(Knobs.TERMS), config.get(Knobs.LARGEST));
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
    int units = config.get(Knobs.UNITS);
    return TutorialModels.additionSeq2seq(
        p.inputLength(), p.outputLength(), p.alphabet().size(), units, decoderUnits(units));
  }

  @Override
  protected RunPlan plan(RecipeConfig config, Model model) {
    AdditionProblem problem = problem(config);
    PythonRandom rnd = new PythonRandom(config.seed());
    return RunPlan.drawing(epoch -> problem.generate(config.samples(), rnd))
        .evaluation((compiled, history, reporter) -> {
          // The tutorial evaluates on n_samples new patterns drawn after training.
          Dataset test = problem.generate(config.samples(), rnd);
          FloatBlock probs = compiled.predict(test.x());
          List<String> expected = new ArrayList<>();
          List<String> predicted = new ArrayList<>();
          for (int i = 0; i < test.size(); i++) {
            expected.add(problem.decodeOutput(test.y().row(i)));
            predicted.add(problem.decodeOutput(probs.row(i)));
            if (i < EXAMPLES_SHOWN) {
              reporter.printf("Expected=%s, Predicted=%s%n", expected.get(i), predicted.get(i));
            }
          }
          SequenceScores scores = SequenceScores.ofText(expected, predicted);
          reporter.printf("Exact-match sums: %d/%d (%.1f%%)%n", scores.exact(),
              scores.sequences(), 100 * scores.exactMatch());
          Map<String, Double> metrics = new LinkedHashMap<>();
          metrics.put(RecipeResult.EXACT_MATCH_ACCURACY, scores.exactMatch());
          metrics.put(RecipeResult.TEST_ACCURACY, scores.perPosition());
          return metrics;
        })
        .historyMetrics("loss", "accuracy")
        .build();
  }

  @Override
  public String answer(RecipeConfig config, CompiledModel model, String question) {
    AdditionProblem problem = problem(config);
    String input = problem.parseInput(question);
    FloatBlock x = FloatBlock.of(
        problem.alphabet().oneHot(input), 1, problem.inputLength(), problem.alphabet().size());
    return problem.decodeSum(model.predict(x).row(0));
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    return SumQuestions.example(config.get(Knobs.TERMS), config.get(Knobs.LARGEST));
  }
}
