package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A read-only view of one Keras layer's {@code config} dictionary with typed getters that name
 * the layer and the key when a value is missing or of the wrong type. Codecs read configs only
 * through it, so Jackson stays behind this class.
 */
public final class KerasConfig {
  private final JsonNode node;
  private final String where;

  private KerasConfig(JsonNode node, String where) {
    this.node = node;
    this.where = where;
  }

  /**
   * A view of a config object.
   *
   * @param node the JSON object
   * @param where names the layer in messages, e.g. {@code LSTM 'lstm_1'}
   * @return the view
   * @throws UnsupportedKerasFeatureException if {@code node} is not a JSON object
   */
  public static KerasConfig of(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new UnsupportedKerasFeatureException(where + " has no config object");
    }
    return new KerasConfig(node, where);
  }

  /**
   * The layer description used in messages.
   *
   * @return e.g. {@code LSTM 'lstm_1'}
   */
  public String where() {
    return where;
  }

  /**
   * Whether the key is present with a non-null value.
   *
   * @param key the key
   * @return true if set
   */
  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /**
   * Every key present.
   *
   * @return the keys in file order
   */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /**
   * A string value.
   *
   * @param key the key
   * @param fallback the value when the key is absent or null
   * @return the value
   */
  public String string(String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new UnsupportedKerasFeatureException(where + ": '" + key + "' is " + v + ", not a string");
    }
    return v.asText();
  }

  /**
   * A boolean value.
   *
   * @param key the key
   * @param fallback the value when absent or null
   * @return the value
   */
  public boolean bool(String key, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new UnsupportedKerasFeatureException(where + ": '" + key + "' is " + v + ", not true or false");
    }
    return v.asBoolean();
  }

  /**
   * A number.
   *
   * @param key the key
   * @param fallback the value when absent or null
   * @return the value
   */
  public double number(String key, double fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new UnsupportedKerasFeatureException(where + ": '" + key + "' is " + v + ", not a number");
    }
    return v.asDouble();
  }

  /**
   * A whole number within bounds.
   *
   * @param key the key
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value
   * @throws UnsupportedKerasFeatureException if absent, not whole, or out of bounds (the message
   *     gives the bounds)
   */
  public int integer(String key, int min, int max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new UnsupportedKerasFeatureException(where + " has no '" + key + "'");
    }
    if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
      throw new UnsupportedKerasFeatureException(where + ": '" + key + "' is " + v + ", not a whole number");
    }
    double d = v.asDouble();
    if (d < min || d > max) {
      throw new UnsupportedKerasFeatureException(where + ": '" + key + "' is " + v
          + ", outside the supported range [" + min + ", " + max + "]");
    }
    return (int) d;
  }

  /**
   * A whole number within bounds, or a fallback when absent.
   *
   * @param key the key
   * @param fallback the value when absent or null
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value
   */
  public int integer(String key, int fallback, int min, int max) {
    return has(key) ? integer(key, min, max) : fallback;
  }

  /**
   * A list of whole numbers, e.g. a target shape ({@code null} entries become -1).
   *
   * @param key the key
   * @return the values
   * @throws UnsupportedKerasFeatureException if absent or not a list of numbers
   */
  public long[] longs(String key) {
    JsonNode v = node.get(key);
    JsonNode items = v != null && v.isObject() ? v.get("items") : v; // Keras 2 __tuple__
    if (items == null || !items.isArray()) {
      throw new UnsupportedKerasFeatureException(where + ": '" + key + "' is not a list");
    }
    long[] out = new long[items.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode d = items.get(i);
      if (d.isNull()) {
        out[i] = -1;
      } else if (d.isIntegralNumber()) {
        out[i] = d.asLong();
      } else {
        throw new UnsupportedKerasFeatureException(where + ": '" + key + "' holds " + d + ", not a size");
      }
    }
    return out;
  }

  /**
   * A nested object, e.g. the wrapped layer of TimeDistributed.
   *
   * @param key the key
   * @return the raw JSON object
   * @throws UnsupportedKerasFeatureException if absent or not an object
   */
  public JsonNode object(String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isObject()) {
      throw new UnsupportedKerasFeatureException(where + " has no '" + key + "' object");
    }
    return v;
  }

  /**
   * The raw value of a key.
   *
   * @param key the key
   * @return the JSON value, or {@code null} if absent
   */
  public JsonNode raw(String key) {
    return node.get(key);
  }

  /**
   * The names of the keys whose values are set to something other than null, false, 0 or an
   * empty list, among {@code keys}.
   *
   * @param keys the keys to look at
   * @return those of them in use
   */
  public List<String> inUse(String... keys) {
    List<String> used = new ArrayList<>();
    for (String k : keys) {
      JsonNode v = node.get(k);
      if (v == null || v.isNull() || v.isBoolean() && !v.asBoolean()
          || v.isNumber() && v.asDouble() == 0 || v.isArray() && v.isEmpty()
          || v.isTextual() && v.asText().isEmpty()) {
        continue;
      }
      used.add(k);
    }
    return used;
  }

  /**
   * The keys of this config.
   *
   * @return an iterator over the key names
   */
  Iterator<String> fieldNames() {
    return node.fieldNames();
  }
}
