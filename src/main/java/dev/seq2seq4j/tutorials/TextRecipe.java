package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.data.TextEncoding;
import dev.seq2seq4j.data.TextExample;
import dev.seq2seq4j.data.TextProblem;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.seq2seq.EncoderDecoder;
import dev.seq2seq4j.nn.seq2seq.GreedyDecoder;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Loss;
import dev.seq2seq4j.train.Losses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A character-level seq2seq recipe: a {@link TextProblem}'s padded questions in, its padded
 * answers out, one softmax per answer character. Brownlee's adder is one; his extensions and
 * Keras's addition example differ only in the problem, the architecture and the schedule.
 * Every text recipe has {@code --reverse-input}.
 */
final class TextRecipe extends RecipeSkeleton {
  private static final int EXAMPLES_SHOWN = 20;
  private static final int KERAS_EXAMPLES_SHOWN = 10;

  /** The model families a text recipe can train. */
  enum Architecture {
    /**
     * Brownlee's: one-hot questions, LSTM(units) -> RepeatVector -> LSTM(units / 2,
     * return_sequences) -> TimeDistributed(Dense softmax).
     */
    BROWNLEE,
    /** Brownlee's behind an Embedding of the questions' symbol indices. */
    EMBEDDING,
    /** Keras's example: LSTM(units) -> RepeatVector -> LSTM(units, seq) -> Dense softmax. */
    KERAS,
    /**
     * An LSTM encoder-decoder with dot-product attention ({@link EncoderDecoder#withAttention}),
     * trained with teacher forcing and scored by greedy decoding.
     */
    ATTENTION
  }

  /** How examples are drawn and the model judged. */
  enum Schedule {
    /**
     * Brownlee's: one seeded stream draws {@code samples} fresh examples every epoch, and as many
     * again after training to score on; the report prints 20 expected/predicted pairs.
     */
    FRESH,
    /**
     * Keras's: one data set of {@code samples} examples, shuffled, the last tenth held out for
     * validation and scoring; training stops at {@code --target-accuracy}.
     */
    HELD_OUT
  }

  private final String name;
  private final String description;
  private final List<Knob<?>> knobs;
  private final Function<RecipeConfig, TextProblem> problems;
  private final Architecture architecture;
  private final Schedule schedule;
  private final String answers;
  private final boolean reversedAnswers;

  private TextRecipe(Builder b) {
    this.name = Objects.requireNonNull(b.name);
    this.description = Objects.requireNonNull(b.description);
    this.knobs = List.copyOf(b.knobs);
    this.problems = Objects.requireNonNull(b.problems);
    this.architecture = Objects.requireNonNull(b.architecture);
    this.schedule = Objects.requireNonNull(b.schedule);
    this.answers = b.answers;
    this.reversedAnswers = b.reversedAnswers;
  }

  /**
   * Starts a recipe.
   *
   * @param name the recipe name
   * @return a builder
   */
  static Builder named(String name) {
    return new Builder(name);
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
    return knobs;
  }

  @Override
  public Loss loss() {
    return Losses.categoricalCrossentropy();
  }

  /**
   * The decoder width for an encoder width in Brownlee's model: half, as 100 to 50.
   *
   * @param encoderUnits the encoder width
   * @return the decoder width, at least 1
   */
  static int decoderUnits(int encoderUnits) {
    return Math.max(1, encoderUnits / 2);
  }

  @Override
  public Model buildModel(RecipeConfig config) {
    TextProblem p = problems.apply(config);
    if (schedule == Schedule.HELD_OUT && config.samples() < 10) {
      throw new IllegalArgumentException("samples must be >= 10 to hold a tenth out, got "
          + config.samples());
    }
    int units = config.get(Knobs.UNITS);
    int q = p.questionLength();
    int a = p.answerLength();
    int chars = p.alphabet().size();
    switch (architecture) {
      case EMBEDDING:
        return ExtensionModels.additionEmbedding(q, a, chars, config.get(Knobs.EMBEDDING), units,
            decoderUnits(units));
      case KERAS:
        return ExtensionModels.kerasAdditionRnn(q, a, chars, units);
      case ATTENTION:
        return attentionModels(config, p).training();
      default:
        return TutorialModels.additionSeq2seq(q, a, chars, units, decoderUnits(units));
    }
  }

  private static EncoderDecoder attentionModels(RecipeConfig config, TextProblem p) {
    int chars = p.alphabet().size();
    return EncoderDecoder.withAttention(p.questionLength(), chars, p.answerLength(), chars + 1,
        chars, config.get(Knobs.UNITS));
  }

  private TextEncoding encoding(RecipeConfig config, TextProblem problem) {
    boolean reverse = config.get(Knobs.REVERSE_INPUT);
    TextEncoding e = architecture == Architecture.EMBEDDING
        ? TextEncoding.indices(problem, reverse) : TextEncoding.oneHot(problem, reverse);
    return reversedAnswers ? e.withReversedAnswers() : e;
  }

  /** The training form of encoded data: as encoded, or teacher-forced for attention. */
  private Dataset trainingForm(Dataset d) {
    return architecture == Architecture.ATTENTION ? TeacherForcing.dataset(d) : d;
  }

  @Override
  protected RunPlan plan(RecipeConfig config, Model model) {
    TextProblem problem = problems.apply(config);
    TextEncoding encoding = encoding(config, problem);
    PythonRandom rnd = new PythonRandom(config.seed());
    return schedule == Schedule.FRESH
        ? freshPlan(config, encoding, rnd) : heldOutPlan(config, encoding, rnd);
  }

  private RunPlan freshPlan(RecipeConfig config, TextEncoding encoding, PythonRandom rnd) {
    TextProblem problem = encoding.problem();
    return RunPlan.drawing(
            epoch -> trainingForm(encoding.encode(problem.draw(config.samples(), rnd))))
        .evaluation((compiled, history, reporter) -> {
          // As the tutorial: n_samples new examples drawn after training.
          List<TextExample> test = problem.draw(config.samples(), rnd);
          List<String> predicted = predict(config, compiled, encoding, test);
          for (int i = 0; i < Math.min(EXAMPLES_SHOWN, test.size()); i++) {
            reporter.printf("Expected=%s, Predicted=%s%n", test.get(i).answer(), predicted.get(i));
          }
          return score(test, predicted, "Exact-match " + answers, reporter);
        })
        .historyMetrics("loss", "accuracy")
        .build();
  }

  private RunPlan heldOutPlan(RecipeConfig config, TextEncoding encoding, PythonRandom rnd) {
    List<TextExample> all = new ArrayList<>(encoding.problem().dataSet(config.samples(), rnd));
    rnd.shuffle(all);
    int split = all.size() - all.size() / 10;
    List<TextExample> validation = List.copyOf(all.subList(split, all.size()));
    double target = config.get(Knobs.TARGET_ACCURACY);
    RunPlan.Builder plan = RunPlan.fixed(trainingForm(encoding.encode(all.subList(0, split))))
        .validation(trainingForm(encoding.encode(validation)));
    if (target > 0) {
      plan.listener(new StopAtAccuracy(target));
    }
    return plan
        .evaluation((compiled, history, reporter) -> {
          OptionalInt reached = StopAtAccuracy.firstEpoch(history, target);
          if (target > 0) {
            reporter.printf(reached.isPresent()
                    ? "%.1f%% train and validation per-character accuracy after %d epochs%n"
                    : "%.1f%% train and validation per-character accuracy not reached in %d"
                        + " epochs%n",
                100 * target, reached.orElse(history.epochsRun()));
          }
          List<String> predicted = predict(config, compiled, encoding, validation);
          for (int i = 0; i < Math.min(KERAS_EXAMPLES_SHOWN, validation.size()); i++) {
            TextExample e = validation.get(i);
            String guess = predicted.get(i);
            reporter.printf("Q %s T %s %s %s%n", e.question(), e.answer(),
                guess.equals(e.answer()) ? "ok" : "no", guess);
          }
          Map<String, Double> metrics =
              score(validation, predicted, "Exact-match answers on the validation questions",
                  reporter);
          reached.ifPresent(epoch -> metrics.put("epochs_to_target", (double) epoch));
          return metrics;
        })
        .historyMetrics("loss", "accuracy", "val_loss", "val_accuracy")
        .build();
  }

  private List<String> predict(RecipeConfig config, CompiledModel compiled,
      TextEncoding encoding, List<TextExample> examples) {
    List<String> questions = new ArrayList<>(examples.size());
    for (TextExample e : examples) {
      questions.add(e.question());
    }
    return answers(config, compiled, encoding, questions);
  }

  /** The model's answers to padded questions: one forward pass, or greedy decoding. */
  private List<String> answers(RecipeConfig config, CompiledModel compiled,
      TextEncoding encoding, List<String> questions) {
    FloatBlock x = encoding.encodeQuestions(questions);
    if (architecture != Architecture.ATTENTION) {
      return encoding.decodeAnswers(compiled.predict(x));
    }
    TextProblem p = encoding.problem();
    int[][] tokens;
    try (GreedyDecoder decoder =
        new GreedyDecoder(attentionModels(config, p), compiled.weights())) {
      tokens = decoder.decode(x, p.alphabet().size(), p.answerLength());
    }
    List<String> out = new ArrayList<>(tokens.length);
    for (int[] t : tokens) {
      out.add(encoding.decodeAnswer(t));
    }
    return out;
  }

  /**
   * Exact-match and per-character accuracy, printed as {@code "<label>: right/n (p%)"}, then
   * per group when the examples fall into more than one.
   */
  private static Map<String, Double> score(List<TextExample> examples, List<String> predicted,
      String label, Reporter reporter) {
    List<String> truth = new ArrayList<>(examples.size());
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < examples.size(); i++) {
      truth.add(examples.get(i).answer());
      groups.computeIfAbsent(examples.get(i).group(), g -> new ArrayList<>()).add(i);
    }
    SequenceScores scores = SequenceScores.ofText(truth, predicted);
    reporter.printf("%s: %d/%d (%.1f%%)%n", label, scores.exact(), scores.sequences(),
        100 * scores.exactMatch());
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(RecipeResult.EXACT_MATCH_ACCURACY, scores.exactMatch());
    metrics.put(RecipeResult.TEST_ACCURACY, scores.perPosition());
    if (groups.size() > 1) {
      reporter.println("Exact match by group:");
      for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
        List<String> t = new ArrayList<>();
        List<String> p = new ArrayList<>();
        for (int i : g.getValue()) {
          t.add(truth.get(i));
          p.add(predicted.get(i));
        }
        SequenceScores s = SequenceScores.ofText(t, p);
        reporter.printf("  %-16s %d/%d (%.1f%%)%n", g.getKey(), s.exact(), s.sequences(),
            100 * s.exactMatch());
        metrics.put(RecipeResult.EXACT_MATCH_ACCURACY + "_" + slug(g.getKey()), s.exactMatch());
      }
    }
    return metrics;
  }

  /** A group name as part of a metric name: {@code "3 terms"} to {@code 3_terms}. */
  static String slug(String group) {
    return group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  @Override
  public String answer(RecipeConfig config, CompiledModel model, String question) {
    TextProblem problem = problems.apply(config);
    TextEncoding encoding = encoding(config, problem);
    String padded = problem.parseQuestion(question);
    return answers(config, model, encoding, List.of(padded)).get(0).strip();
  }

  @Override
  public String exampleQuestion(RecipeConfig config) {
    return problems.apply(config).exampleQuestion();
  }

  /** Collects a text recipe's parts. */
  static final class Builder {
    private final String name;
    private String description;
    private final List<Knob<?>> knobs = new ArrayList<>();
    private Function<RecipeConfig, TextProblem> problems;
    private Architecture architecture = Architecture.BROWNLEE;
    private Schedule schedule = Schedule.FRESH;
    private String answers = "answers";
    private boolean reversedAnswers;

    private Builder(String name) {
      this.name = name;
    }

    /** The one-line description. */
    Builder description(String text) {
      this.description = text;
      return this;
    }

    /** The knobs, in the order the configuration is written. */
    Builder knobs(Knob<?>... declared) {
      knobs.addAll(List.of(declared));
      return this;
    }

    /** The problem a configuration describes. */
    Builder problem(Function<RecipeConfig, TextProblem> factory) {
      this.problems = factory;
      return this;
    }

    /** The model family (default Brownlee's). */
    Builder architecture(Architecture a) {
      this.architecture = a;
      return this;
    }

    /** The schedule (default Brownlee's fresh samples). */
    Builder schedule(Schedule s) {
      this.schedule = s;
      return this;
    }

    /** What the answers are called in the exact-match line, e.g. {@code sums}. */
    Builder answers(String word) {
      this.answers = word;
      return this;
    }

    /** Write answers ones digit first (decoded back for scoring and answers). */
    Builder reversedAnswers(boolean v) {
      this.reversedAnswers = v;
      return this;
    }

    TextRecipe build() {
      return new TextRecipe(this);
    }
  }
}
