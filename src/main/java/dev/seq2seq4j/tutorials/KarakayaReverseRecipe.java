package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.EarlyStopping;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.History;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Karakaya's reversed-sequence experiments: one model wiring per recipe, trained as the
 * tutorial's {@code train_test} helper does: up to 100 epochs at batch 32 with
 * {@code EarlyStopping(monitor='val_loss', patience=5)} and the test set as validation data
 * (Keras's default {@code restore_best_weights=False}), then per-position accuracy on the train
 * and test sets and ten example lines.
 *
 * <p>Data: {@code samples} training sequences (2000) then {@code samples / 10} test sequences
 * (200), drawn from one Python random stream seeded with the recipe seed.
 */
public final class KarakayaReverseRecipe implements Recipe {
  /** The tutorial's number of distinct values (one-hot depth). */
  public static final int FEATURES = 10;
  /** The tutorial's EarlyStopping patience. */
  public static final int PATIENCE = 5;

  private static final int EXAMPLES_SHOWN = 10;

  /** Builds one wiring for a sequence length, a feature count and a width. */
  @FunctionalInterface
  private interface Architecture {
    Model build(int timesteps, int features, int units);
  }

  private final String name;
  private final String description;
  private final Architecture architecture;
  private final int defaultUnits;

  private KarakayaReverseRecipe(
      String name, String description, Architecture architecture, int defaultUnits) {
    this.name = name;
    this.description = description;
    this.architecture = architecture;
    this.defaultUnits = defaultUnits;
  }

  /**
   * The six reversed-sequence recipes in the tutorial's order: the Part A MLP, then models 1,
   * 1 (stacked), 2, 3 and 4 of Part B.
   *
   * @return the recipes
   */
  public static List<KarakayaReverseRecipe> all() {
    List<KarakayaReverseRecipe> list = new ArrayList<>();
    list.add(new KarakayaReverseRecipe("reverse-mlp",
        "Karakaya Part A: MLP baseline Flatten -> Dense(64) -> Dense(T*F) -> softmax",
        TutorialModels::reverseMlp, 64));
    list.add(new KarakayaReverseRecipe("reverse-lstm-default",
        "Karakaya 1: LSTM(16) default output -> RepeatVector -> Dense softmax",
        TutorialModels::reverseLstmDefault, TutorialModels.REVERSE_UNITS));
    list.add(new KarakayaReverseRecipe("reverse-lstm-stacked",
        "Karakaya 1b: two LSTM(16) joined by default outputs + RepeatVector",
        TutorialModels::reverseLstmStacked, TutorialModels.REVERSE_UNITS));
    list.add(new KarakayaReverseRecipe("reverse-return-sequences",
        "Karakaya 2: LSTM(16, return_sequences) x2 -> TimeDistributed Dense",
        TutorialModels::reverseReturnSequences, TutorialModels.REVERSE_UNITS));
    list.add(new KarakayaReverseRecipe("reverse-return-state",
        "Karakaya 3: LSTM(16, return_state) -> RepeatVector -> LSTM(initial_state)",
        TutorialModels::reverseReturnState, TutorialModels.REVERSE_UNITS));
    list.add(new KarakayaReverseRecipe("reverse-return-sequences-state",
        "Karakaya 4: LSTM(16, return_sequences + return_state) -> LSTM(initial_state)",
        TutorialModels::reverseReturnSequencesState, TutorialModels.REVERSE_UNITS));
    return list;
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
  public RecipeConfig defaults() {
    return new RecipeConfig(
        1,
        100,
        32,
        ReversedSequenceProblem.TRAIN_SIZE,
        0,
        0,
        ReversedSequenceProblem.DEFAULT.nTimesteps(),
        defaultUnits);
  }

  @Override
  public Loss loss() {
    return Losses.categoricalCrossentropy();
  }

  private static ReversedSequenceProblem problem(RecipeConfig config) {
    BrownleeMappingRecipe.requirePositive("length", config.length());
    return new ReversedSequenceProblem(config.length(), FEATURES);
  }

  /**
   * Test samples for a training size: a tenth, as 200 for 2000 in the tutorial.
   *
   * @param trainSamples training samples
   * @return test samples, at least 1
   */
  static int testSamples(int trainSamples) {
    return Math.max(1, trainSamples / 10);
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    ReversedSequenceProblem p = problem(config);
    BrownleeMappingRecipe.requirePositive("units", config.units());
    return architecture.build(p.nTimesteps(), p.nFeatures(), config.units());
  }

  @Override
  public RecipeResult run(RecipeConfig config, Reporter reporter,
      UnaryOperator<FitOptions.Builder> fitSetup) {
    ReversedSequenceProblem problem = problem(config);
    Model model = buildModel(config);
    reporter.println(model.summary());
    PythonRandom rnd = new PythonRandom(config.seed());
    Dataset train = problem.generate(config.samples(), rnd);
    Dataset test = problem.generate(testSamples(config.samples()), rnd);
    try (CompiledModel compiled = compile(model, config)) {
      FitOptions.Builder fit =
          Recipe.fitOptions(config, reporter, fitSetup)
              .validation(test)
              .listener(new EarlyStopping("val_loss", PATIENCE, false));
      reporter.printf(
          "training for %d epochs begins with EarlyStopping(monitor= val_loss patience= %d )....%n",
          config.epochs(), PATIENCE);
      History history = compiled.fit(train, fit.build());
      reporter.printf(
          "%d epoch training finished... (%d epochs run)%n", config.epochs(), history.epochsRun());

      Scores trainScores = score(problem, train, compiled.predict(train.x()));
      Scores testScores = score(problem, test, compiled.predict(test.x()));
      reporter.println("PREDICTION ACCURACY (%):");
      reporter.printf(
          "Train: %.3f, Test: %.3f%n", 100 * trainScores.perPosition, 100 * testScores.perPosition);
      reporter.println("some examples...");
      int[][] inputs = problem.sequences(test.x());
      for (int i = 0; i < Math.min(EXAMPLES_SHOWN, inputs.length); i++) {
        reporter.println(ReversedSequenceProblem.format(inputs[i], testScores.predicted[i]));
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put(RecipeResult.TEST_ACCURACY, testScores.perPosition);
      metrics.put(RecipeResult.TRAIN_ACCURACY, trainScores.perPosition);
      metrics.put(RecipeResult.EXACT_MATCH_ACCURACY, testScores.exact);
      metrics.put("loss", history.last().get("loss").orElse(Double.NaN));
      metrics.put("val_loss", history.last().get("val_loss").orElse(Double.NaN));
      return new RecipeResult(name, config, history, metrics, compiled.weights());
    }
  }

  /** Per-position and whole-sequence accuracy of predictions, and the decoded predictions. */
  private record Scores(double perPosition, double exact, int[][] predicted) {}

  private static Scores score(ReversedSequenceProblem problem, Dataset data, FloatBlock probs) {
    int[][] truth = problem.sequences(data.y());
    int[][] predicted = problem.sequences(probs);
    long right = 0;
    int exact = 0;
    for (int i = 0; i < truth.length; i++) {
      boolean all = true;
      for (int t = 0; t < truth[i].length; t++) {
        if (truth[i][t] == predicted[i][t]) {
          right++;
        } else {
          all = false;
        }
      }
      if (all) {
        exact++;
      }
    }
    return new Scores(
        right / (double) ((long) truth.length * problem.nTimesteps()),
        exact / (double) truth.length,
        predicted);
  }

  @Override
  public String answer(RecipeConfig config, CompiledModel model, String question) {
    ReversedSequenceProblem problem = problem(config);
    int[] sequence = parseSequence(question, problem);
    FloatBlock probs = model.predict(problem.encode(new int[][] {sequence}).x());
    int[] out = problem.sequences(probs)[0];
    StringBuilder sb = new StringBuilder();
    for (int v : out) {
      sb.append(sb.length() == 0 ? "" : " ").append(v);
    }
    return sb.toString();
  }

  /**
   * Parses {@code "3 2 9 1"}, {@code "3,2,9,1"} or {@code "[3, 2, 9, 1]"}.
   *
   * @throws IllegalArgumentException naming the problem
   */
  static int[] parseSequence(String question, ReversedSequenceProblem problem) {
    String text = question == null ? "" : question.strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).strip();
    }
    String example = String.format(Locale.ROOT, "e.g. \"%s\"", exampleFor(problem.nTimesteps()));
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty sequence: expected " + problem.nTimesteps()
          + " digits in [0, " + (problem.nFeatures() - 1) + "] separated by spaces, " + example);
    }
    String[] parts = text.split("[\\s,]+");
    if (parts.length != problem.nTimesteps()) {
      throw new IllegalArgumentException("expected " + problem.nTimesteps() + " values but \""
          + question.strip() + "\" has " + parts.length + ", " + example);
    }
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].matches("\\d{1,9}")) {
        throw new IllegalArgumentException("value " + (i + 1) + " (\"" + parts[i]
            + "\") is not a whole number in [0, " + (problem.nFeatures() - 1) + "]");
      }
      out[i] = Integer.parseInt(parts[i]);
      if (out[i] >= problem.nFeatures()) {
        throw new IllegalArgumentException("value " + (i + 1) + " (" + out[i]
            + ") is outside [0, " + (problem.nFeatures() - 1) + "]");
      }
    }
    return out;
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    return exampleFor(Math.max(1, config.length()));
  }

  static String exampleFor(int length) {
    int[] digits = {3, 2, 9, 1};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(i == 0 ? "" : " ").append(digits[i % digits.length]);
    }
    return sb.toString();
  }
}
