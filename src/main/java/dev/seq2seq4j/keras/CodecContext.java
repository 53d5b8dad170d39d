package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.nn.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a codec reading a config may need besides the config: the Keras version that saved it,
 * the registry (for wrapped layers), and a place for notes on what was accepted without effect.
 */
public final class CodecContext {
  private final KerasVersion version;
  private final LayerCodecs codecs;
  private final Map<String, long[]> inputShapes;
  private final List<String> notes = new ArrayList<>();

  /**
   * @param version the Keras version that wrote the config
   * @param codecs the registry
   * @param inputShapes per-sample shapes for Inputs whose config leaves sizes open, by name
   */
  public CodecContext(KerasVersion version, LayerCodecs codecs, Map<String, long[]> inputShapes) {
    this.version = version;
    this.codecs = codecs;
    this.inputShapes = Map.copyOf(inputShapes);
  }

  /**
   * The per-sample shape of an Input: the config's, with open sizes ({@code -1}) taken from the
   * shapes the caller gave.
   *
   * @param name the Input's name
   * @param configured the shape in the config, -1 where open
   * @return the full shape
   * @throws UnsupportedKerasFeatureException if a size stays open or a given shape contradicts
   *     the config
   */
  public long[] inputShape(String name, long[] configured) {
    long[] given = inputShapes.get(name);
    boolean open = Arrays.stream(configured).anyMatch(d -> d < 0);
    if (given == null) {
      if (open) {
        throw new UnsupportedKerasFeatureException("input '" + name + "' has shape "
            + shapeText(configured) + " with an open size; give its full per-sample shape "
            + "(e.g. the number of timesteps)");
      }
      return configured.clone();
    }
    if (given.length != configured.length) {
      throw new UnsupportedKerasFeatureException("input '" + name + "' has " + configured.length
          + " per-sample axes " + shapeText(configured) + ", given " + shapeText(given));
    }
    for (int i = 0; i < given.length; i++) {
      if (given[i] < 1 || configured[i] >= 0 && configured[i] != given[i]) {
        throw new UnsupportedKerasFeatureException("input '" + name + "' has shape "
            + shapeText(configured) + "; the given shape " + shapeText(given) + " does not fit it");
      }
    }
    return given.clone();
  }

  private static String shapeText(long[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "None" : Long.toString(shape[i]));
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /**
   * The Keras version that wrote the config.
   *
   * @return the version
   */
  public KerasVersion version() {
    return version;
  }

  /**
   * Records a note for the user (something accepted that has no effect, or behaves as Keras
   * does only at inference).
   *
   * @param note one line
   */
  public void note(String note) {
    notes.add(note);
  }

  /**
   * The notes so far.
   *
   * @return the notes, in order
   */
  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  /**
   * Builds a nested layer (TimeDistributed's {@code layer}, Bidirectional's {@code layer} and
   * {@code backward_layer}) from its serialized object.
   *
   * @param layerObject the {@code {"class_name": ..., "config": {...}}} object
   * @return the layer
   * @throws UnsupportedKerasFeatureException for an unknown or refused layer
   */
  public Layer nested(JsonNode layerObject) {
    return codecs.read(layerObject, this);
  }
}
