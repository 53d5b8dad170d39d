package dev.seq2seq4j.keras;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Layer;
import java.io.IOException;

/**
 * Reads and writes Keras's JSON: model configs ({@code config.json}, {@code model_config}) and
 * the layer objects inside them. Parsing is bounded (nesting depth, string and number lengths),
 * because model files are untrusted; writing produces Keras 3's layout ({@code module}, {@code
 * class_name}, {@code config}, {@code registered_name}).
 */
public final class KerasJson {
  /** Deepest nesting a config may have; real configs stay below 20. */
  public static final int MAX_DEPTH = 200;
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(64 * 1024 * 1024)
          .maxNumberLength(100)
          .build())
      .build());

  private final LayerCodecs codecs;

  /**
   * @param codecs the registry, for nested layers
   */
  public KerasJson(LayerCodecs codecs) {
    this.codecs = codecs;
  }

  /**
   * Parses JSON text from a model file.
   *
   * @param bytes the UTF-8 text
   * @param source names the file (and entry) in messages
   * @return the tree
   * @throws UnsupportedKerasFeatureException if it is not JSON or breaks a bound
   */
  public static JsonNode parse(byte[] bytes, String source) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null) {
        throw new UnsupportedKerasFeatureException(source + " is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new UnsupportedKerasFeatureException(source + " is not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw new UnsupportedKerasFeatureException("cannot read " + source + ": " + e.getMessage());
    }
  }

  /**
   * A JSON parser's complaint in a user's words: where ({@code line 3, column 7}) and what,
   * without the parser's internals ({@code [Source: REDACTED (StreamReadFeature...)]}, reference
   * chains).
   *
   * @param e what the parser threw
   * @return one line
   */
  public static String describe(JsonProcessingException e) {
    String what = firstLine(e.getOriginalMessage())
        .replaceAll("\\[Source: [^;]*;\\s*line: (\\d+), column: (\\d+)]", "line $1, column $2")
        .replaceAll(", from `[^`]*`", "");
    JsonLocation at = e.getLocation();
    return at != null && at.getLineNr() > 0
        ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what : what;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Writes JSON text, as Keras writes {@code config.json}.
   *
   * @param node the tree
   * @return the text
   */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A new empty object.
   *
   * @return the object
   */
  public ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * A new empty array.
   *
   * @return the array
   */
  public ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * The start of every layer's config: its name, {@code trainable} and a float32 dtype policy,
   * as Keras 3 writes them.
   *
   * @param layer the (named) layer
   * @return the config to add the layer's options to
   */
  public ObjectNode base(Layer layer) {
    ObjectNode c = object();
    c.put("name", layer.name() == null ? layer.defaultNamePrefix() : layer.name());
    c.put("trainable", true);
    c.set("dtype", dtypePolicy("float32"));
    return c;
  }

  /**
   * Keras 3's serialized dtype policy.
   *
   * @param name e.g. {@code float32}
   * @return the policy object
   */
  public ObjectNode dtypePolicy(String name) {
    ObjectNode p = object();
    p.put("module", "keras");
    p.put("class_name", "DTypePolicy");
    p.putObject("config").put("name", name);
    p.putNull("registered_name");
    return p;
  }

  /**
   * A serialized layer object: {@code {"module": "keras.layers", "class_name", "config",
   * "registered_name": null}}.
   *
   * @param className the Keras class
   * @param config its config dictionary
   * @return the object
   */
  public ObjectNode layerObject(String className, ObjectNode config) {
    ObjectNode o = object();
    o.put("module", "keras.layers");
    o.put("class_name", className);
    o.set("config", config);
    o.putNull("registered_name");
    return o;
  }

  /**
   * A nested layer (TimeDistributed's {@code layer}) serialized through its own codec.
   *
   * @param layer the wrapped layer
   * @return its layer object
   */
  public ObjectNode nested(Layer layer) {
    return codecs.write(layer, this);
  }
}
