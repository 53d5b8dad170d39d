package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.ArithmeticProblem;
import dev.seq2seq4j.data.BracketProblem;
import dev.seq2seq4j.data.KerasAdditionProblem;
import dev.seq2seq4j.data.MixedTermsProblem;
import dev.seq2seq4j.tutorials.TextRecipe.Architecture;
import dev.seq2seq4j.tutorials.TextRecipe.Schedule;
import java.util.List;

/**
 * The character-level recipes: Brownlee's adder, his extensions (integer encoding, mixed term
 * counts, operators, brackets) and Keras's own addition example.
 */
final class TextRecipes {
  private TextRecipes() {}

  /**
   * All of them, in the order {@code list} shows.
   *
   * @return the recipes
   */
  static List<Recipe> all() {
    return List.of(additionSeq2seq(), additionEmbedding(), mixedTerms(), arithmetic(),
        brackets(), kerasAdditionRnn());
  }

  /**
   * {@code addition-seq2seq}: Brownlee's adder, {@code " 3+10"} to {@code "13"}, 30 epochs of
   * 1000 fresh samples at batch 10, scored on 1000 more.
   *
   * @return the recipe
   */
  static TextRecipe additionSeq2seq() {
    return TextRecipe.named("addition-seq2seq")
        .description(
            "Brownlee: seq2seq adder LSTM(100) -> RepeatVector -> LSTM(50) -> softmax over chars")
        .knobs(brownlee(30, 10, 2, 100, Knobs.REVERSE_INPUT.omittedAtDefault()))
        .problem(c -> new AdditionProblem(c.get(Knobs.TERMS), c.get(Knobs.LARGEST)))
        .answers("sums")
        .build();
  }

  /**
   * {@code addition-embedding}: Brownlee's integer-encoding extension, the same data and budget
   * as {@code addition-seq2seq} but the question's symbol indices go through an Embedding.
   *
   * @return the recipe
   */
  static TextRecipe additionEmbedding() {
    return TextRecipe.named("addition-embedding")
        .description("Brownlee's extension: the adder reading integer-encoded questions through"
            + " an Embedding(12, 16)")
        .knobs(brownlee(30, 10, 2, 100, Knobs.EMBEDDING.withDefault(16), Knobs.REVERSE_INPUT))
        .problem(c -> new AdditionProblem(c.get(Knobs.TERMS), c.get(Knobs.LARGEST)))
        .architecture(Architecture.EMBEDDING)
        .answers("sums")
        .build();
  }

  /**
   * {@code addition-mixed-terms}: Brownlee's variable-numbers extension, 2 to 4 terms per
   * question in one model, padded to the widest question.
   *
   * @return the recipe
   */
  static TextRecipe mixedTerms() {
    return TextRecipe.named("addition-mixed-terms")
        .description("Brownlee's extension: one adder for 2 to 4 terms per question, padded to"
            + " the widest")
        .knobs(brownlee(100, 10, 4, 100, Knobs.MIN_TERMS.withDefault(2), Knobs.REVERSE_INPUT))
        .problem(c -> new MixedTermsProblem(c.get(Knobs.MIN_TERMS), c.get(Knobs.TERMS),
            c.get(Knobs.LARGEST)))
        .answers("sums")
        .build();
  }

  /**
   * {@code arithmetic}: Brownlee's operations extension, {@code + - *} on two terms up to 99 in
   * one model; answers up to 9801 and down to -98.
   *
   * @return the recipe
   */
  static TextRecipe arithmetic() {
    return TextRecipe.named("arithmetic")
        .description("Brownlee's extension: + - * on two terms up to 99 in one model (negative"
            + " answers too)")
        .knobs(Knobs.SEED, Knobs.EPOCHS.withDefault(250), Knobs.BATCH.withDefault(32),
            Knobs.SAMPLES.withDefault(10_000), Knobs.LARGEST.withDefault(99),
            Knobs.UNITS.withDefault(256), Knobs.REVERSE_INPUT)
        .problem(c -> new ArithmeticProblem(c.get(Knobs.LARGEST), "+-*"))
        .architecture(Architecture.ATTENTION)
        .reversedAnswers(true)
        .build();
  }

  /**
   * {@code brackets}: Brownlee's brackets extension, expressions such as {@code (12+3)*4} with
   * brackets up to two deep, answers computed by the expression evaluator.
   *
   * @return the recipe
   */
  static TextRecipe brackets() {
    return TextRecipe.named("brackets")
        .description("Brownlee's extension: + - * with brackets up to 2 deep, e.g. (12+3)*4,"
            + " scored by depth")
        .knobs(Knobs.SEED, Knobs.EPOCHS.withDefault(100), Knobs.BATCH.withDefault(32),
            Knobs.SAMPLES.withDefault(10_000), Knobs.LARGEST.withDefault(10),
            Knobs.DEPTH.withDefault(2), Knobs.UNITS.withDefault(256), Knobs.REVERSE_INPUT)
        .problem(c -> new BracketProblem(c.get(Knobs.LARGEST), c.get(Knobs.DEPTH)))
        .architecture(Architecture.ATTENTION)
        .reversedAnswers(true)
        .build();
  }

  /**
   * {@code keras-addition-rnn}: Keras's {@code addition_rnn} example, three-digit terms, 50,000
   * different questions, reversed, a tenth held out, batch 32, until 99% train and validation
   * per-character accuracy (at most 100 epochs).
   *
   * @return the recipe
   */
  static TextRecipe kerasAdditionRnn() {
    return TextRecipe.named("keras-addition-rnn")
        .description("Keras's addition_rnn example: LSTM(128) -> RepeatVector -> LSTM(128) ->"
            + " softmax, 3 digits, 50k questions reversed")
        .knobs(Knobs.SEED, Knobs.EPOCHS.withDefault(100), Knobs.BATCH.withDefault(32),
            Knobs.SAMPLES.withDefault(50_000), Knobs.DIGITS.withDefault(3),
            Knobs.UNITS.withDefault(128), Knobs.REVERSE_INPUT.withDefault(true),
            Knobs.TARGET_ACCURACY.withDefault(0.99))
        .problem(c -> new KerasAdditionProblem(c.get(Knobs.DIGITS)))
        .architecture(Architecture.KERAS)
        .schedule(Schedule.HELD_OUT)
        .build();
  }

  /** Brownlee's knobs with a recipe's defaults, then the recipe's own. */
  private static Knob<?>[] brownlee(int epochs, int largest, int terms, int units,
      Knob<?>... more) {
    Knob<?>[] common = {Knobs.SEED, Knobs.EPOCHS.withDefault(epochs),
        Knobs.BATCH.withDefault(10), Knobs.SAMPLES.withDefault(1000),
        Knobs.LARGEST.withDefault(largest), Knobs.TERMS.withDefault(terms),
        Knobs.UNITS.withDefault(units)};
    Knob<?>[] all = new Knob<?>[common.length + more.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(more, 0, all, common.length, more.length);
    return all;
  }
}
