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
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.List;

/**
 * Beyond Karakaya's Part B, where its LSTM wirings fail on long sequences: an encoder-decoder
 * with Luong attention ({@link EncoderDecoder#withAttention}), trained with teacher forcing on
 * the same data and schedule (2000 / 200 samples, batch 32, up to 100 epochs, EarlyStopping on
 * val_loss with patience 5), and scored honestly: the decoder runs greedily, fed its own
 * predictions, never the answer.
 *
 * <p>With {@code --generated} the tutorial's fixed 2000 samples give way to {@code samples}
 * fresh ones every epoch, and the test set (also the validation data) is a fixed {@value
 * #GENERATED_TEST} sequences drawn first from the seeded stream: the model can no longer
 * memorise its training set, which is what stops it at length 16.
 */
final class ReverseAttentionRecipe extends RecipeSkeleton {
  static final String NAME = "reverse-attention";
  private static final int FEATURES = KarakayaSchedule.FEATURES;
  private static final int DEFAULT_UNITS = 64;
  private static final int EXAMPLES_SHOWN = 10;
  /** Test sequences with {@code --generated}. */
  static final int GENERATED_TEST = 1000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Beyond the tutorial: LSTM encoder-decoder with attention, teacher forcing, greedy decoding";
  }

  @Override
  public List<Knob<?>> knobs() {
    return List.of(Knobs.SEED, Knobs.EPOCHS.withDefault(100), Knobs.BATCH.withDefault(32),
        Knobs.SAMPLES.withDefault(ReversedSequenceProblem.TRAIN_SIZE),
        Knobs.LENGTH.withDefault(ReversedSequenceProblem.DEFAULT.nTimesteps()),
        Knobs.UNITS.withDefault(DEFAULT_UNITS), Knobs.GENERATED.omittedAtDefault(),
        Knobs.BIDIRECTIONAL.omittedAtDefault(), Knobs.LEARNING_RATE.omittedAtDefault(),
        Knobs.PATIENCE.withDefault(KarakayaSchedule.PATIENCE).omittedAtDefault());
  }

  @Override
  public Loss loss() {
    return Losses.categoricalCrossentropy();
  }

  private static ReversedSequenceProblem problem(RecipeConfig config) {
    return new ReversedSequenceProblem(config.get(Knobs.LENGTH), FEATURES);
  }

  private static EncoderDecoder models(RecipeConfig config) {
    int t = config.get(Knobs.LENGTH);
    return AttentionModels.build(config.get(Knobs.BIDIRECTIONAL), t, FEATURES, t, FEATURES + 1,
        FEATURES, config.get(Knobs.UNITS));
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    problem(config);
    return models(config).training();
  }

  @Override
  protected RunPlan plan(RecipeConfig config, Model model) {
    ReversedSequenceProblem problem = problem(config);
    PythonRandom rnd = new PythonRandom(config.seed());
    Dataset test;
    RunPlan.Builder plan;
    if (config.get(Knobs.GENERATED)) {
      // The test set first, so it stays the same whatever the training budget.
      test = problem.generate(GENERATED_TEST, rnd);
      plan = RunPlan.drawing(
          epoch -> TeacherForcing.dataset(problem.generate(config.samples(), rnd)));
    } else {
      Dataset train = problem.generate(config.samples(), rnd);
      test = problem.generate(KarakayaSchedule.testSamples(config.samples()), rnd);
      plan = RunPlan.fixed(TeacherForcing.dataset(train));
    }
    return plan
        .validation(TeacherForcing.dataset(test))
        .listener(KarakayaSchedule.earlyStopping(config.get(Knobs.PATIENCE)))
        .evaluation((compiled, history, reporter) -> {
          int[][] predicted = decode(models(config), compiled.weights(), test.x(), problem);
          SequenceScores scores = SequenceScores.of(problem.sequences(test.y()), predicted);
          reporter.println("PREDICTION ACCURACY (%), greedy decoding without teacher forcing:");
          reporter.printf("Test: %.3f (whole sequence right: %.1f%%)%n",
              100 * scores.perPosition(), 100 * scores.exactMatch());
          int[][] inputs = problem.sequences(test.x());
          for (int i = 0; i < Math.min(EXAMPLES_SHOWN, inputs.length); i++) {
            reporter.println(ReversedSequenceProblem.format(inputs[i], predicted[i]));
          }
          return scores.metrics();
        })
        .historyMetrics("loss", "val_loss")
        .build();
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
    int[] sequence =
        SequenceQuestions.parse(question, problem.nTimesteps(), problem.nFeatures());
    int[] out = decode(models(config), model.weights(),
        problem.encode(new int[][] {sequence}).x(), problem)[0];
    return SequenceQuestions.format(out);
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    return SequenceQuestions.example(config.get(Knobs.LENGTH));
  }
}
