package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.conv.Padding;

/**
 * Options that 1-D convolution and pooling codecs share: sizes given as an int or a tuple of one
 * ({@code kernel_size: [3]}), {@code padding}, and {@code data_format}, of which only {@code
 * channels_last} is built.
 */
final class SpatialOptions {
  /** The longest window or stride a config may ask for. */
  static final int MAX_WINDOW = 1 << 16;

  private SpatialOptions() {}

  /**
   * A size written as an int or a one-element list (Keras 3 writes tuples, hand-written configs
   * often ints).
   *
   * @param c the layer config
   * @param key e.g. {@code kernel_size}
   * @param fallback the value when absent or null
   * @return the size, in [1, {@link #MAX_WINDOW}]
   * @throws UnsupportedKerasFeatureException for several values, a fraction or out of range
   */
  static int size(KerasConfig c, String key, int fallback) {
    return c.has(key) ? size(c, key) : fallback;
  }

  /**
   * A size that must be given, as an int or a one-element list.
   *
   * @param c the layer config
   * @param key e.g. {@code kernel_size}
   * @return the size, in [1, {@link #MAX_WINDOW}]
   * @throws UnsupportedKerasFeatureException if absent, several values, a fraction or out of
   *     range
   */
  static int size(KerasConfig c, String key) {
    JsonNode v = c.raw(key);
    if (v == null || v.isNull()) {
      throw new UnsupportedKerasFeatureException(c.where() + " has no '" + key + "'");
    }
    if (v.isNumber()) {
      return c.integer(key, 1, MAX_WINDOW);
    }
    long[] values = c.longs(key);
    if (values.length != 1) {
      throw new UnsupportedKerasFeatureException(c.where() + ": '" + key + "' is " + v
          + "; a 1-D layer takes one value");
    }
    if (values[0] < 1 || values[0] > MAX_WINDOW) {
      throw new UnsupportedKerasFeatureException(c.where() + ": '" + key + "' is " + v
          + ", outside the supported range [1, " + MAX_WINDOW + "]");
    }
    return (int) values[0];
  }

  /**
   * The {@code padding} option.
   *
   * @param c the layer config
   * @param allowCausal whether {@code causal} is allowed (Conv1D only)
   * @return the padding, {@code valid} when absent
   * @throws UnsupportedKerasFeatureException for anything else
   */
  static Padding padding(KerasConfig c, boolean allowCausal) {
    String name = c.string("padding", "valid");
    Padding p;
    try {
      p = Padding.byName(name);
    } catch (IllegalArgumentException e) {
      p = null;
    }
    if (p == null || p == Padding.CAUSAL && !allowCausal) {
      throw new UnsupportedKerasFeatureException(c.where() + ": padding '" + name
          + "' is not supported; use " + (allowCausal ? "valid, same or causal" : "valid or same"));
    }
    return p;
  }

  /**
   * Refuses {@code data_format: channels_first}: the layers are built channels last, Keras's
   * default.
   *
   * @param c the layer config
   * @throws UnsupportedKerasFeatureException for any format but {@code channels_last}
   */
  static void requireChannelsLast(KerasConfig c) {
    String format = c.string("data_format", "channels_last");
    if (!format.equals("channels_last")) {
      throw new UnsupportedKerasFeatureException(c.where() + " uses data_format '" + format
          + "', which is not supported (only channels_last)");
    }
  }

  /**
   * Writes a size as Keras 3 writes it, a tuple of one.
   *
   * @param config the config being written
   * @param key the option
   * @param value the size
   */
  static void putSize(ObjectNode config, String key, int value) {
    config.putArray(key).add(value);
  }
}
