package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.nn.ActivationFunction;

/** Reads and writes activation options the way the saving Keras version meant them. */
final class Activations {
  private Activations() {}

  /**
   * The activation a config names, as the saving version defines it ({@code hard_sigmoid}
   * differs between Keras 2 and 3).
   *
   * @param config the layer config
   * @param key e.g. {@code recurrent_activation}
   * @param fallback the Keras default when the key is absent
   * @param ctx the saving version
   * @return the activation
   * @throws UnsupportedKerasFeatureException for custom or unknown activations
   */
  static ActivationFunction read(KerasConfig config, String key, String fallback, CodecContext ctx) {
    JsonNode v = config.raw(key);
    String name;
    if (v == null || v.isNull()) {
      name = fallback;
    } else if (v.isTextual()) {
      name = v.asText();
    } else if (v.isObject() && v.path("config").isTextual()
        && v.path("module").asText("").startsWith("keras")) {
      name = v.path("config").asText(); // a built-in function serialized as an object
    } else {
      throw new UnsupportedKerasFeatureException(config.where() + " uses a custom " + key + " ("
          + v.path("class_name").asText(v.toString()) + "), which is not supported");
    }
    try {
      return ActivationFunction.byName(name, ctx.version().keras2());
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(config.where() + ": " + key + " '" + name
          + "' is not supported; supported: " + ActivationFunction.names());
    }
  }

  /**
   * The name to write for an activation in a Keras 3 config.
   *
   * @param f the activation
   * @param where names the layer in messages
   * @return the Keras 3 name
   * @throws UnsupportedKerasFeatureException for Keras 2's hard_sigmoid, which Keras 3 has no
   *     name for
   */
  static String write(ActivationFunction f, String where) {
    if (f == ActivationFunction.HARD_SIGMOID_KERAS2) {
      throw new UnsupportedKerasFeatureException(where + " uses Keras 2's hard_sigmoid, which a "
          + "Keras 3 file cannot express");
    }
    return f.kerasName();
  }
}
