package dev.seq2seq4j.keras;

import java.util.List;

/** Checks that codecs share: options refused by name, options noted as training-only. */
final class Options {
  /** The widest layer a config may ask for: far above real seq2seq models, far below memory. */
  static final int MAX_UNITS = 1 << 16;
  /** The longest fixed sequence or repeat a config may ask for. */
  static final int MAX_STEPS = 1 << 16;

  private Options() {}

  /**
   * Refuses an option that changes the computed function if it is set to anything but its
   * neutral value (null, false, 0, empty).
   *
   * @param c the layer config
   * @param key the option
   * @param what what the option is, for the message
   * @throws UnsupportedKerasFeatureException naming the layer and the option
   */
  static void refuse(KerasConfig c, String key, String what) {
    if (!c.inUse(key).isEmpty()) {
      throw new UnsupportedKerasFeatureException(c.where() + " uses " + key + " (" + what + "): "
          + c.raw(key) + ", which is not supported");
    }
  }

  /**
   * Notes options that only act while Keras trains (regularizers, constraints), which Java
   * training does not apply.
   *
   * @param c the layer config
   * @param ctx where notes go
   * @param keys the options
   */
  static void noteTrainingOnly(KerasConfig c, CodecContext ctx, String... keys) {
    List<String> used = c.inUse(keys);
    if (!used.isEmpty()) {
      ctx.note(c.where() + ": " + String.join(", ", used)
          + " only act in Keras training and are not applied when training in Java");
    }
  }
}
