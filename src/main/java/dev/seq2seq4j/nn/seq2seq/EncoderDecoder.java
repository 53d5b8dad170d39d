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
    LSTM decoderLstm =
        LSTM.builder(units).returnSequences(true).returnState(true).name("decoder_lstm").build();
    Attention attention = new Attention("attention");
    Concatenate concat = new Concatenate("concat");
    TimeDistributed output =
        new TimeDistributed(Dense.of(outputFeatures, "softmax"), "output_dense");

    SymbolicTensor source = InputLayer.input("source", sourceSteps, sourceFeatures);
    SymbolicTensor shifted = InputLayer.input("shifted_target", targetSteps, decoderFeatures);
    List<SymbolicTensor> enc = encoderLstm.applyAll(source);
    List<SymbolicTensor> dec = decoderLstm.applyAll(shifted, enc.get(1), enc.get(2));
    SymbolicTensor context = attention.apply(dec.get(0), enc.get(0));
    SymbolicTensor probs = output.apply(concat.apply(dec.get(0), context));
    Model training = Model.functional("attention_seq2seq", List.of(source, shifted), List.of(probs));

    SymbolicTensor src = InputLayer.input("source", sourceSteps, sourceFeatures);
    List<SymbolicTensor> e = encoderLstm.applyAll(src);
    Model encoder = Model.functional("encoder", List.of(src), List.of(e.get(1), e.get(2), e.get(0)));

    SymbolicTensor token = InputLayer.input("token", 1, decoderFeatures);
    SymbolicTensor h = InputLayer.input("h", units);
    SymbolicTensor c = InputLayer.input("c", units);
    SymbolicTensor memory = InputLayer.input("encoder_sequence", sourceSteps, units);
    List<SymbolicTensor> d = decoderLstm.applyAll(token, h, c);
    SymbolicTensor ctx = attention.apply(d.get(0), memory);
    SymbolicTensor p = output.apply(concat.apply(d.get(0), ctx));
    Model step = Model.functional("decoder_step", List.of(token, h, c, memory),
        List.of(p, d.get(1), d.get(2)));
    return new EncoderDecoder(training, encoder, step);
  }
}
