package dev.seq2seq4j.nn.seq2seq;

import dev.seq2seq4j.nn.Attention;
import dev.seq2seq4j.nn.Concatenate;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.rnn.LSTM;
import java.util.List;
import java.util.function.Function;

/**
 * A sequence-to-sequence model in its three Keras-style views, sharing one set of layers (and so
 * of weights): the teacher-forced {@code training} model ({@code [source, shifted target] ->
 * probabilities}), the {@code encoder} ({@code source -> [h, c, ...context]}) and one decoder
 * {@code step} ({@code [token, h, c, ...context] -> [probabilities, h, c]}), the form {@link
 * GreedyDecoder} runs.
 *
 * @param training the teacher-forced model to fit
 * @param encoder the encoder for inference
 * @param step one decoder step for inference
 */
public record EncoderDecoder(Model training, Model encoder, Model step) {

  /**
   * What an encoder gives an attention decoder for one source: its output at every step (the
   * memory that attention reads) and the final state the decoder LSTM starts from.
   *
   * @param sequence {@code (None, sourceSteps, width)}
   * @param h the final hidden state, {@code (None, stateWidth)}
   * @param c the final cell state, {@code (None, stateWidth)}
   */
  public record Encoded(SymbolicTensor sequence, SymbolicTensor h, SymbolicTensor c) {}

  /**
   * An LSTM encoder-decoder with Luong dot-product attention: the encoder returns its sequence
   * and final state; the decoder LSTM starts from that state, attends over the encoder sequence
   * at each step, and a softmax Dense reads {@code [decoder h, context]}.
   *
   * @param sourceSteps encoder timesteps
   * @param sourceFeatures encoder one-hot width
   * @param targetSteps decoder timesteps (teacher forcing)
   * @param decoderFeatures decoder input width (the target vocabulary plus a start token)
   * @param outputFeatures output vocabulary
   * @param units LSTM width
   */
  public static EncoderDecoder withAttention(int sourceSteps, int sourceFeatures, int targetSteps,
      int decoderFeatures, int outputFeatures, int units) {
    LSTM encoderLstm =
        LSTM.builder(units).returnSequences(true).returnState(true).name("encoder_lstm").build();
    return withAttention(source -> {
      List<SymbolicTensor> e = encoderLstm.applyAll(source);
      return new Encoded(e.get(0), e.get(1), e.get(2));
    }, sourceSteps, sourceFeatures, targetSteps, decoderFeatures, outputFeatures);
  }

  /**
   * An attention encoder-decoder around any encoder (a bidirectional one, a stack): the decoder
   * LSTM, as wide as the encoder's final state, starts from that state, attends over the encoder
   * sequence at each step, and a softmax Dense reads {@code [decoder h, context]}.
   *
   * @param encoder applies the encoder's layers to a source; called once for the training view
   *     and once for the encoder view, so both share the encoder's layers
   * @param sourceSteps encoder timesteps
   * @param sourceFeatures encoder input width
   * @param targetSteps decoder timesteps (teacher forcing)
   * @param decoderFeatures decoder input width (the target vocabulary plus a start token)
   * @param outputFeatures output vocabulary
   */
  public static EncoderDecoder withAttention(Function<SymbolicTensor, Encoded> encoder,
      int sourceSteps, int sourceFeatures, int targetSteps, int decoderFeatures,
      int outputFeatures) {
    SymbolicTensor source = InputLayer.input("source", sourceSteps, sourceFeatures);
    Encoded enc = encoder.apply(source);
    int stateWidth = (int) enc.h().shape()[0];
    LSTM decoderLstm = LSTM.builder(stateWidth).returnSequences(true).returnState(true)
        .name("decoder_lstm").build();
    Attention attention = new Attention("attention");
    Concatenate concat = new Concatenate("concat");
    TimeDistributed output =
        new TimeDistributed(Dense.of(outputFeatures, "softmax"), "output_dense");

    SymbolicTensor shifted = InputLayer.input("shifted_target", targetSteps, decoderFeatures);
    List<SymbolicTensor> dec = decoderLstm.applyAll(shifted, enc.h(), enc.c());
    SymbolicTensor context = attention.apply(dec.get(0), enc.sequence());
    SymbolicTensor probs = output.apply(concat.apply(dec.get(0), context));
    Model training = Model.functional("attention_seq2seq", List.of(source, shifted), List.of(probs));

    SymbolicTensor src = InputLayer.input("source", sourceSteps, sourceFeatures);
    Encoded e = encoder.apply(src);
    Model encoderModel =
        Model.functional("encoder", List.of(src), List.of(e.h(), e.c(), e.sequence()));

    SymbolicTensor token = InputLayer.input("token", 1, decoderFeatures);
    SymbolicTensor h = InputLayer.input("h", stateWidth);
    SymbolicTensor c = InputLayer.input("c", stateWidth);
    SymbolicTensor memory =
        InputLayer.input("encoder_sequence", sourceSteps, enc.sequence().shape()[1]);
    List<SymbolicTensor> d = decoderLstm.applyAll(token, h, c);
    SymbolicTensor ctx = attention.apply(d.get(0), memory);
    SymbolicTensor p = output.apply(concat.apply(d.get(0), ctx));
    Model step = Model.functional("decoder_step", List.of(token, h, c, memory),
        List.of(p, d.get(1), d.get(2)));
    return new EncoderDecoder(training, encoderModel, step);
  }
}
