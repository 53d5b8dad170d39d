package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code axis} of a normalisation layer: an int or a list of one (Keras 3's
 * LayerNormalization writes {@code [-1]}, Keras 2 sometimes {@code [2]}). Several axes are
 * refused; whether the one axis is the last is checked when the layer sees its input.
 */
final class NormalizationAxis {
  private NormalizationAxis() {}

  /**
   * Reads the axis.
   *
   * @param c the layer config
   * @return the axis, -1 when absent
   * @throws UnsupportedKerasFeatureException for several axes or a non-integer
   */
  static int read(KerasConfig c) {
    JsonNode v = c.raw("axis");
    if (v == null || v.isNull()) {
      return -1;
    }
    if (v.isNumber()) {
      return c.integer("axis", -64, 64);
    }
    long[] axes = c.longs("axis");
    if (axes.length != 1 || axes[0] < -64 || axes[0] > 64) {
      throw new UnsupportedKerasFeatureException(c.where() + " normalises over axes " + v
          + "; only the last axis is supported");
    }
    return (int) axes[0];
  }
}
