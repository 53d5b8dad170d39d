package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Flatten;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.RepeatVector;
import dev.seq2seq4j.nn.Reshape;
import dev.seq2seq4j.nn.Sequential;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.rnn.LSTM;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The architectures of every model in the two tutorials, by recipe name, with the tutorials'
 * sizes as defaults and parameterised factories for other sizes.
 */
public final class TutorialModels {
  /** Brownlee's alphabet size: {@code 0123456789+ }. */
  public static final int ADDITION_CHARS = 12;
  /** Karakaya's LSTM width. */
  public static final int REVERSE_UNITS = 16;

  private static final Map<String, Supplier<Model>> DEFAULTS =
      Map.of(
          "addition-mlp", () -> additionMlp(2),
          "addition-lstm", () -> additionLstm(2, 10),
          "addition-seq2seq", () -> additionSeq2seq(5, 2, ADDITION_CHARS, 100, 50),
          "reverse-mlp", () -> reverseMlp(4, 10, 64),
          "reverse-lstm-default", () -> reverseLstmDefault(4, 10, REVERSE_UNITS),
          "reverse-lstm-stacked", () -> reverseLstmStacked(4, 10, REVERSE_UNITS),
          "reverse-return-sequences", () -> reverseReturnSequences(4, 10, REVERSE_UNITS),
          "reverse-return-state", () -> reverseReturnState(4, 10, REVERSE_UNITS),
          "reverse-return-sequences-state",
              () -> reverseReturnSequencesState(4, 10, REVERSE_UNITS));

  private TutorialModels() {}

  /** The recipe names, in tutorial order. */
  public static List<String> names() {
    return List.of(
        "addition-mlp",
        "addition-lstm",
        "addition-seq2seq",
        "reverse-mlp",
        "reverse-lstm-default",
        "reverse-lstm-stacked",
        "reverse-return-sequences",
        "reverse-return-state",
        "reverse-return-sequences-state");
  }

  /**
   * The named tutorial model at the tutorial's own sizes.
   *
   * @throws IllegalArgumentException listing the known names if {@code name} is not one
   */
  public static Model byName(String name) {
    Supplier<Model> s = DEFAULTS.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown model '" + name + "'; known: " + String.join(", ", names()));
    }
    return s.get();
  }

  /** Brownlee's mapping MLP: Dense(4) -> Dense(2) -> Dense(1) on normalised terms. */
  public static Model additionMlp(int nNumbers) {
    return Sequential.builder("addition_mlp")
        .input(nNumbers)
        .add(Dense.builder(4).build())
        .add(Dense.builder(2).build())
        .add(Dense.builder(1).build())
        .build();
  }

  /** Brownlee's LSTM regression: LSTM(units) -> Dense(1) on normalised terms, one per step. */
  public static Model additionLstm(int nNumbers, int units) {
    return Sequential.builder("addition_lstm")
        .input(nNumbers, 1)
        .add(LSTM.builder(units).build())
        .add(Dense.builder(1).build())
        .build();
  }

  /**
   * Brownlee's seq2seq adder: LSTM(encoder) -> RepeatVector(outLen) -> LSTM(decoder,
   * return_sequences) -> TimeDistributed(Dense(chars, softmax)).
   */
  public static Model additionSeq2seq(
      int inLength, int outLength, int chars, int encoderUnits, int decoderUnits) {
    return Sequential.builder("addition_seq2seq")
        .input(inLength, chars)
        .add(LSTM.builder(encoderUnits).build())
        .add(new RepeatVector(outLength))
        .add(LSTM.builder(decoderUnits).returnSequences(true).build())
        .add(new TimeDistributed(Dense.of(chars, "softmax")))
        .build();
  }

  /**
   * Karakaya's Part A baseline on the flattened input: Flatten -> Dense(hidden, relu) ->
   * Dense(T * F, relu) -> Reshape(T, F) -> Dense(F, softmax).
   */
  public static Model reverseMlp(int timesteps, int features, int hidden) {
    return Sequential.builder("model_MLP")
        .input(timesteps, features)
        .add(new Flatten())
        .add(Dense.of(hidden, "relu"))
        .add(Dense.of(timesteps * features, "relu"))
        .add(new Reshape(timesteps, features))
        .add(Dense.of(features, "softmax"))
        .build();
  }

  /** Model 1: LSTM(u) -> RepeatVector(T) -> Dense(F, softmax). */
  public static Model reverseLstmDefault(int timesteps, int features, int units) {
    return Sequential.builder("model_Single_LSTM_default_output")
        .input(timesteps, features)
        .add(LSTM.builder(units).build())
        .add(new RepeatVector(timesteps))
        .add(Dense.of(features, "softmax"))
        .build();
  }

  /** Model 1b: LSTM(u) -> RepeatVector -> LSTM(u) -> RepeatVector -> Dense(F, softmax). */
  public static Model reverseLstmStacked(int timesteps, int features, int units) {
    return Sequential.builder("model_LSTM_default_output")
        .input(timesteps, features)
        .add(LSTM.builder(units).build())
        .add(new RepeatVector(timesteps))
        .add(LSTM.builder(units).build())
        .add(new RepeatVector(timesteps))
        .add(Dense.of(features, "softmax"))
        .build();
  }

  /** Model 2: LSTM(u, seq) -> LSTM(u, seq) -> TimeDistributed(Dense(F, softmax)). */
  public static Model reverseReturnSequences(int timesteps, int features, int units) {
    return Sequential.builder("model_LSTM_return_sequences")
        .input(timesteps, features)
        .add(LSTM.builder(units).returnSequences(true).build())
        .add(LSTM.builder(units).returnSequences(true).build())
        .add(new TimeDistributed(Dense.of(features, "softmax")))
        .build();
  }

  /**
   * Model 3 (functional): out, h, c = LSTM(u, return_state)(x); LSTM(u, seq)(RepeatVector(T)(out),
   * initial_state=[h, c]) -> TimeDistributed(Dense(F, softmax)).
   */
  public static Model reverseReturnState(int timesteps, int features, int units) {
    SymbolicTensor input = InputLayer.input("input", timesteps, features);
    List<SymbolicTensor> enc = LSTM.builder(units).returnState(true).build().applyAll(input);
    SymbolicTensor repeated = new RepeatVector(timesteps).apply(enc.get(0));
    SymbolicTensor dec =
        LSTM.builder(units).returnSequences(true).build().apply(repeated, enc.get(1), enc.get(2));
    SymbolicTensor out = new TimeDistributed(Dense.of(features, "softmax")).apply(dec);
    return Model.functional("model_LSTM_return_state", List.of(input), List.of(out));
  }

  /**
   * Model 4 (functional): seq, h, c = LSTM(u, seq, state)(x); LSTM(u, seq)(seq, initial_state=[h,
   * c]) -> TimeDistributed(Dense(F, softmax)).
   */
  public static Model reverseReturnSequencesState(int timesteps, int features, int units) {
    SymbolicTensor input = InputLayer.input("input", timesteps, features);
    List<SymbolicTensor> enc =
        LSTM.builder(units).returnSequences(true).returnState(true).build().applyAll(input);
    SymbolicTensor dec =
        LSTM.builder(units)
            .returnSequences(true)
            .build()
            .apply(enc.get(0), enc.get(1), enc.get(2));
    SymbolicTensor out = new TimeDistributed(Dense.of(features, "softmax")).apply(dec);
    return Model.functional("model_LSTM_all_state_h_return_state", List.of(input), List.of(out));
  }
}
