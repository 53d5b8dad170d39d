package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.data.VariableReverseProblem;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.nn.seq2seq.EncoderDecoder;
import dev.seq2seq4j.nn.seq2seq.GreedyDecoder;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Karakaya's closing questions as recipes: sequences of 1 to {@code --length} values in one
 * model, answered with an end symbol, either reversed ({@code reverse-variable}) or reversed
 * keeping first occurrences ({@code reverse-unique}: {@code [3, 2, 3, 5, 2]} to {@code [2, 5,
 * 3]}). The attention encoder-decoder of {@code reverse-attention}, with a bidirectional encoder
 * by default, learns them from fresh samples every epoch and is scored on a fixed seeded test
 * set drawn first; greedy decoding runs until the end symbol. A sequence counts as right only with
 * the right values and the right length; per position counts the true values predicted at
 * their place (the end symbol is not counted).
 */
final class VariableReverseRecipe extends RecipeSkeleton {
  private static final int FEATURES = KarakayaSchedule.FEATURES;
  private static final int TEST = ReverseAttentionRecipe.GENERATED_TEST;
  private static final int EXAMPLES_SHOWN = 10;

  // The budget that solves lengths up to 16 (README): a bidirectional encoder, Adam at 0.003,
  // and patience for the small, noisy validation losses of a nearly solved problem.
  private static final int LENGTH = 16;
  private static final int EPOCHS = 150;
  private static final int PATIENCE = 20;
  private static final double LEARNING_RATE = 0.003;

  private final String name;
  private final String description;
  private final boolean firstOccurrences;

  private VariableReverseRecipe(String name, String description, boolean firstOccurrences) {
    this.name = name;
    this.description = description;
    this.firstOccurrences = firstOccurrences;
  }

  /**
   * {@code reverse-variable}: lengths 1 to 16, reversed, with an end symbol.
   *
   * @return the recipe
   */
  static VariableReverseRecipe reversed() {
    return new VariableReverseRecipe("reverse-variable",
        "Karakaya's closing problem: lengths 1..L in one attention model, reversed, end symbol",
        false);
  }

  /**
   * {@code reverse-unique}: lengths 1 to 16, reversed keeping first occurrences.
   *
   * @return the recipe
   */
  static VariableReverseRecipe unique() {
    return new VariableReverseRecipe("reverse-unique",
        "Karakaya's closing problem: reverse keeping first occurrences, [3,2,3,5,2] -> [2,5,3]",
        true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<Knob<?>> knobs() {
    return List.of(Knobs.SEED, Knobs.EPOCHS.withDefault(EPOCHS), Knobs.BATCH.withDefault(32),
        Knobs.SAMPLES.withDefault(2000), Knobs.LENGTH.withDefault(LENGTH),
        Knobs.UNITS.withDefault(64), Knobs.PATIENCE.withDefault(PATIENCE),
        Knobs.BIDIRECTIONAL.withDefault(true), Knobs.LEARNING_RATE.withDefault(LEARNING_RATE));
  }

  @Override
  public Loss loss() {
    return Losses.categoricalCrossentropy();
  }

  private VariableReverseProblem problem(RecipeConfig config) {
    return new VariableReverseProblem(config.get(Knobs.LENGTH), FEATURES, firstOccurrences);
  }

  private EncoderDecoder models(RecipeConfig config) {
    VariableReverseProblem p = problem(config);
    // Decoder input: the output symbols and a start symbol.
    return AttentionModels.build(config.get(Knobs.BIDIRECTIONAL), p.maxLength(), p.width(),
        p.outputSteps(), p.width() + 1, p.width(), config.get(Knobs.UNITS));
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    return models(config).training();
  }

  @Override
  protected RunPlan plan(RecipeConfig config, Model model) {
    VariableReverseProblem problem = problem(config);
    PythonRandom rnd = new PythonRandom(config.seed());
    int[][] test = problem.randomSequences(TEST, rnd);
    return RunPlan.drawing(epoch -> TeacherForcing.dataset(
            problem.encode(problem.randomSequences(config.samples(), rnd))))
        .validation(TeacherForcing.dataset(problem.encode(test)))
        .listener(KarakayaSchedule.earlyStopping(config.get(Knobs.PATIENCE)))
        .evaluation((compiled, history, reporter) -> {
          int[][] predicted = decode(config, compiled.weights(), test);
          int[][] truth = new int[test.length][];
          for (int i = 0; i < test.length; i++) {
            truth[i] = problem.answer(test[i]);
          }
          SequenceScores scores = SequenceScores.of(truth, predicted);
          reporter.println("PREDICTION ACCURACY (%), greedy decoding to the end symbol:");
          reporter.printf("Test: %.3f per position (whole sequence right: %.1f%%)%n",
              100 * scores.perPosition(), 100 * scores.exactMatch());
          reportByLength(test, truth, predicted, reporter);
          for (int i = 0; i < Math.min(EXAMPLES_SHOWN, test.length); i++) {
            reporter.println("Input " + Arrays.toString(test[i]) + " Expected: "
                + Arrays.toString(truth[i]) + " Predicted " + Arrays.toString(predicted[i]) + " "
                + (Arrays.equals(truth[i], predicted[i]) ? "True" : "False"));
          }
          return scores.metrics();
        })
        .historyMetrics("loss", "val_loss")
        .build();
  }

  /** Whole-sequence accuracy per input length, one line. */
  private static void reportByLength(int[][] inputs, int[][] truth, int[][] predicted,
      Reporter reporter) {
    int longest = 0;
    for (int[] s : inputs) {
      longest = Math.max(longest, s.length);
    }
    int[] right = new int[longest + 1];
    int[] count = new int[longest + 1];
    for (int i = 0; i < inputs.length; i++) {
      count[inputs[i].length]++;
      if (Arrays.equals(truth[i], predicted[i])) {
        right[inputs[i].length]++;
      }
    }
    StringBuilder sb = new StringBuilder("Whole sequence right by input length:");
    for (int len = 1; len <= longest; len++) {
      if (count[len] > 0) {
        sb.append(String.format(Locale.ROOT, " %d: %.0f%%", len,
            100.0 * right[len] / count[len]));
      }
    }
    reporter.println(sb.toString());
  }

  private int[][] decode(RecipeConfig config, Weights weights, int[][] inputs) {
    VariableReverseProblem p = problem(config);
    int[][] tokens;
    try (GreedyDecoder decoder = new GreedyDecoder(models(config), weights)) {
      tokens = decoder.decode(p.encodeInputs(inputs), p.width(), p.outputSteps());
    }
    int[][] out = new int[tokens.length][];
    for (int i = 0; i < tokens.length; i++) {
      out[i] = p.untilEnd(tokens[i]);
    }
    return out;
  }

  @Override
  public String answer(RecipeConfig config, CompiledModel model, String question) {
    int[] sequence = SequenceQuestions.parse(question, 1, config.get(Knobs.LENGTH), FEATURES);
    return SequenceQuestions.format(decode(config, model.weights(), new int[][] {sequence})[0]);
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    int length = config.get(Knobs.LENGTH);
    // Karakaya's own example where it fits.
    return firstOccurrences && length >= 5 ? "3 2 3 5 2" : SequenceQuestions.example(length);
  }
}
