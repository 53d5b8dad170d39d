package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
public final class KarakayaReverseRecipe extends RecipeSkeleton {
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
  public List<Knob<?>> knobs() {
    return List.of(Knobs.SEED, Knobs.EPOCHS.withDefault(100), Knobs.BATCH.withDefault(32),
        Knobs.SAMPLES.withDefault(ReversedSequenceProblem.TRAIN_SIZE),
        Knobs.LENGTH.withDefault(ReversedSequenceProblem.DEFAULT.nTimesteps()),
        Knobs.UNITS.withDefault(defaultUnits));
  }

  @Override
  public Loss loss() {
    return Losses.categoricalCrossentropy();
  }

  private static ReversedSequenceProblem problem(RecipeConfig config) {
    return new ReversedSequenceProblem(config.get(Knobs.LENGTH), KarakayaSchedule.FEATURES);
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    ReversedSequenceProblem p = problem(config);
    return architecture.build(p.nTimesteps(), p.nFeatures(), config.get(Knobs.UNITS));
  }

  @Override
  protected RunPlan plan(RecipeConfig config, Model model) {
    ReversedSequenceProblem problem = problem(config);
    PythonRandom rnd = new PythonRandom(config.seed());
    Dataset train = problem.generate(config.samples(), rnd);
    Dataset test = problem.generate(KarakayaSchedule.testSamples(config.samples()), rnd);
    int patience = KarakayaSchedule.PATIENCE;
    return RunPlan.fixed(train)
        .validation(test)
        .listener(KarakayaSchedule.earlyStopping(patience))
        .preamble(String.format(Locale.ROOT,
            "training for %d epochs begins with EarlyStopping(monitor= val_loss patience= %d )....",
            config.epochs(), patience))
        .evaluation((compiled, history, reporter) -> {
          reporter.printf("%d epoch training finished... (%d epochs run)%n",
              config.epochs(), history.epochsRun());
          int[][] trainPredicted = problem.sequences(compiled.predict(train.x()));
          int[][] testPredicted = problem.sequences(compiled.predict(test.x()));
          SequenceScores trainScores =
              SequenceScores.of(problem.sequences(train.y()), trainPredicted);
          SequenceScores testScores =
              SequenceScores.of(problem.sequences(test.y()), testPredicted);
          reporter.println("PREDICTION ACCURACY (%):");
          reporter.printf("Train: %.3f, Test: %.3f%n",
              100 * trainScores.perPosition(), 100 * testScores.perPosition());
          reporter.println("some examples...");
          int[][] inputs = problem.sequences(test.x());
          for (int i = 0; i < Math.min(EXAMPLES_SHOWN, inputs.length); i++) {
            reporter.println(ReversedSequenceProblem.format(inputs[i], testPredicted[i]));
          }
          Map<String, Double> metrics = new LinkedHashMap<>();
          metrics.put(RecipeResult.TEST_ACCURACY, testScores.perPosition());
          metrics.put(RecipeResult.TRAIN_ACCURACY, trainScores.perPosition());
          metrics.put(RecipeResult.EXACT_MATCH_ACCURACY, testScores.exactMatch());
          return metrics;
        })
        .historyMetrics("loss", "val_loss")
        .build();
  }

  @Override
  public String answer(RecipeConfig config, CompiledModel model, String question) {
    ReversedSequenceProblem problem = problem(config);
    int[] sequence =
        SequenceQuestions.parse(question, problem.nTimesteps(), problem.nFeatures());
    FloatBlock probs = model.predict(problem.encode(new int[][] {sequence}).x());
    return SequenceQuestions.format(problem.sequences(probs)[0]);
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    return SequenceQuestions.example(config.get(Knobs.LENGTH));
  }
}
