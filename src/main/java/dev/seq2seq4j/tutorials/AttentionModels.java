package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.nn.Attention;
import dev.seq2seq4j.nn.Concatenate;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.rnn.Bidirectional;
import dev.seq2seq4j.nn.rnn.LSTM;
import dev.seq2seq4j.nn.seq2seq.EncoderDecoder;
import java.util.List;

/**
 * The attention encoder-decoders of the recipes beyond the tutorials: {@link
 * EncoderDecoder#withAttention}'s LSTM encoder, or a bidirectional one. With a bidirectional
 * encoder the backward LSTM's state at each step says how far the sequence still runs, which is
 * what a reverser's decoder needs to find its next position; the decoder is twice as wide and
 * starts from both directions' final states, concatenated.
 */
final class AttentionModels {
  private AttentionModels() {}

  /**
   * The three views (training, encoder, decoder step) of an attention encoder-decoder.
   *
   * @param bidirectional whether the encoder reads both ways
   * @param sourceSteps encoder timesteps
   * @param sourceFeatures encoder one-hot width
   * @param targetSteps decoder timesteps
   * @param decoderFeatures decoder input width (output vocabulary and a start token)
   * @param outputFeatures output vocabulary
   * @param units encoder width per direction
   * @return the models, sharing one set of layers
   */
  static EncoderDecoder build(boolean bidirectional, int sourceSteps, int sourceFeatures,
      int targetSteps, int decoderFeatures, int outputFeatures, int units) {
    if (!bidirectional) {
      return EncoderDecoder.withAttention(sourceSteps, sourceFeatures, targetSteps,
          decoderFeatures, outputFeatures, units);
    }
    int width = 2 * units;
    Bidirectional encoder = new Bidirectional(
        LSTM.builder(units).returnSequences(true).returnState(true).name("encoder_lstm").build(),
        Bidirectional.MergeMode.CONCAT, "encoder");
    Concatenate joinH = new Concatenate("encoder_h");
    Concatenate joinC = new Concatenate("encoder_c");
    LSTM decoder =
        LSTM.builder(width).returnSequences(true).returnState(true).name("decoder_lstm").build();
    Attention attention = new Attention("attention");
    Concatenate concat = new Concatenate("concat");
    TimeDistributed output =
        new TimeDistributed(Dense.of(outputFeatures, "softmax"), "output_dense");

    SymbolicTensor source = InputLayer.input("source", sourceSteps, sourceFeatures);
    SymbolicTensor shifted = InputLayer.input("shifted_target", targetSteps, decoderFeatures);
    List<SymbolicTensor> enc = encoder.applyAll(source); // seq, fh, fc, bh, bc
    SymbolicTensor h = joinH.apply(enc.get(1), enc.get(3));
    SymbolicTensor c = joinC.apply(enc.get(2), enc.get(4));
    List<SymbolicTensor> dec = decoder.applyAll(shifted, h, c);
    SymbolicTensor probs =
        output.apply(concat.apply(dec.get(0), attention.apply(dec.get(0), enc.get(0))));
    Model training =
        Model.functional("attention_seq2seq", List.of(source, shifted), List.of(probs));

    SymbolicTensor src = InputLayer.input("source", sourceSteps, sourceFeatures);
    List<SymbolicTensor> e = encoder.applyAll(src);
    Model encoderModel = Model.functional("encoder", List.of(src), List.of(
        joinH.apply(e.get(1), e.get(3)), joinC.apply(e.get(2), e.get(4)), e.get(0)));

    SymbolicTensor token = InputLayer.input("token", 1, decoderFeatures);
    SymbolicTensor sh = InputLayer.input("h", width);
    SymbolicTensor sc = InputLayer.input("c", width);
    SymbolicTensor memory = InputLayer.input("encoder_sequence", sourceSteps, width);
    List<SymbolicTensor> d = decoder.applyAll(token, sh, sc);
    SymbolicTensor p = output.apply(concat.apply(d.get(0), attention.apply(d.get(0), memory)));
    Model step = Model.functional("decoder_step", List.of(token, sh, sc, memory),
        List.of(p, d.get(1), d.get(2)));
    return new EncoderDecoder(training, encoderModel, step);
  }
}
