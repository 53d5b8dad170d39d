package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Embedding;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.RepeatVector;
import dev.seq2seq4j.nn.Sequential;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.rnn.LSTM;

/**
 * The architectures of the recipes that go beyond the tutorials' own models (those are in
 * {@link TutorialModels}): Brownlee's adder behind an Embedding, and Keras's addition example.
 */
public final class ExtensionModels {
  private ExtensionModels() {}

  /**
   * Brownlee's adder reading symbol indices: Embedding(chars, width) -> LSTM(encoder) ->
   * RepeatVector(outLen) -> LSTM(decoder, return_sequences) -> TimeDistributed(Dense(chars,
   * softmax)).
   *
   * @param inLength question width
   * @param outLength answer width
   * @param chars alphabet size
   * @param embedding embedding width
   * @param encoderUnits encoder width
   * @param decoderUnits decoder width
   * @return the model, input {@code (inLength)} int32 indices
   */
  public static Model additionEmbedding(int inLength, int outLength, int chars, int embedding,
      int encoderUnits, int decoderUnits) {
    return Sequential.builder("addition_embedding")
        .input(inLength)
        .inputDtype(DType.INT32)
        .add(new Embedding(chars, embedding, false, null))
        .add(LSTM.builder(encoderUnits).build())
        .add(new RepeatVector(outLength))
        .add(LSTM.builder(decoderUnits).returnSequences(true).build())
        .add(new TimeDistributed(Dense.of(chars, "softmax")))
        .build();
  }

  /**
   * Keras's {@code addition_rnn} example: LSTM(units) -> RepeatVector(outLen) -> LSTM(units,
   * return_sequences) -> Dense(chars, softmax) on every step.
   *
   * @param inLength question width ({@code MAXLEN})
   * @param outLength answer width ({@code DIGITS + 1})
   * @param chars alphabet size
   * @param units both LSTMs' width (128 in the example)
   * @return the model
   */
  public static Model kerasAdditionRnn(int inLength, int outLength, int chars, int units) {
    return Sequential.builder("keras_addition_rnn")
        .input(inLength, chars)
        .add(LSTM.builder(units).build())
        .add(new RepeatVector(outLength))
        .add(LSTM.builder(units).returnSequences(true).build())
        .add(Dense.of(chars, "softmax"))
        .build();
  }
}
