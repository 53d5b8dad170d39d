package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.nn.Concatenate;
import dev.seq2seq4j.nn.SymbolicTensor;
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
    Bidirectional encoder = new Bidirectional(
        LSTM.builder(units).returnSequences(true).returnState(true).name("encoder_lstm").build(),
        Bidirectional.MergeMode.CONCAT, "encoder");
    Concatenate joinH = new Concatenate("encoder_h");
    Concatenate joinC = new Concatenate("encoder_c");
    return EncoderDecoder.withAttention(source -> {
      List<SymbolicTensor> e = encoder.applyAll(source); // seq, fh, fc, bh, bc
      return new EncoderDecoder.Encoded(e.get(0), joinH.apply(e.get(1), e.get(3)),
          joinC.apply(e.get(2), e.get(4)));
    }, sourceSteps, sourceFeatures, targetSteps, decoderFeatures, outputFeatures);
  }
}
