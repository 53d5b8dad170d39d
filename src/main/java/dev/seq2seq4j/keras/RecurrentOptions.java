package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.rnn.Rnn;

/** The options every recurrent layer's config shares, read and written once for all of them. */
final class RecurrentOptions {
  private RecurrentOptions() {}

  /**
   * Applies the loop options of a config to a builder, refusing what is not supported.
   *
   * @param c the config
   * @param ctx notes
   * @param b the layer's builder
   * @param <B> the builder type
   * @return the builder
   */
  static <B extends Rnn.Builder<B>> B read(KerasConfig c, CodecContext ctx, B b) {
    if (c.bool("stateful", false)) {
      throw new UnsupportedKerasFeatureException(c.where() + " is stateful, which is not supported"
          + " (rebuild it with stateful=False to carry state between calls yourself)");
    }
    if (c.bool("time_major", false)) {
      throw new UnsupportedKerasFeatureException(c.where()
          + " is time_major (inputs laid out (timesteps, batch, features)), which is not supported");
    }
    Options.noteTrainingOnly(c, ctx, "kernel_regularizer", "recurrent_regularizer",
        "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint",
        "bias_constraint");
    double dropout = c.number("dropout", 0);
    double recurrentDropout = c.number("recurrent_dropout", 0);
    if (!(dropout >= 0 && dropout < 1) || !(recurrentDropout >= 0 && recurrentDropout < 1)) {
      throw new UnsupportedKerasFeatureException(c.where() + ": dropout rates " + dropout + ", "
          + recurrentDropout + " are outside [0, 1)");
    }
    return b.returnSequences(c.bool("return_sequences", false))
        .returnState(c.bool("return_state", false))
        .goBackwards(c.bool("go_backwards", false))
        .zeroOutputForMask(c.bool("zero_output_for_mask", false))
        .dropout((float) dropout)
        .recurrentDropout((float) recurrentDropout)
        .name(c.string("name", null));
  }

  /**
   * Writes the loop options of a layer into its Keras 3 config.
   *
   * @param layer the layer
   * @param c the config being written
   */
  static void write(Rnn layer, ObjectNode c) {
    c.put("return_sequences", layer.returnSequences());
    c.put("return_state", layer.returnState());
    c.put("go_backwards", layer.goBackwards());
    c.put("stateful", false);
    c.put("unroll", false);
    c.put("zero_output_for_mask", layer.zeroOutputForMask());
    c.put("units", layer.units());
    c.put("dropout", layer.dropout());
    c.put("recurrent_dropout", layer.recurrentDropout());
  }
}
