package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Merge;
import dev.seq2seq4j.nn.ops.Comparison;
import dev.seq2seq4j.nn.ops.Reduction;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of {@link LayerCodec}s: by Keras class name for reading, by native class for
 * writing. It is the one list of what seq2seq4j can import and export; nothing is ever looked
 * up or loaded by a name found in a file beyond this table.
 */
public final class LayerCodecs {
  private static final LayerCodecs STANDARD = new LayerCodecs(List.of(
      new InputLayerCodec(),
      new DenseCodec(),
      new DropoutCodec(),
      new FlattenCodec(),
      new ReshapeCodec(),
      new RepeatVectorCodec(),
      new TimeDistributedCodec(),
      new LstmCodec(),
      new GruCodec(),
      new SimpleRnnCodec(),
      new BidirectionalCodec(),
      new EmbeddingCodec(),
      new ActivationCodec(),
      new PermuteCodec(),
      new AttentionCodec(),
      new AdditiveAttentionCodec(),
      new ConcatenateCodec(),
      new MergeCodec(Merge.Op.ADD),
      new MergeCodec(Merge.Op.SUBTRACT),
      new MergeCodec(Merge.Op.MULTIPLY),
      new MergeCodec(Merge.Op.AVERAGE),
      new MergeCodec(Merge.Op.MAXIMUM),
      new MergeCodec(Merge.Op.MINIMUM),
      new ComparisonCodec(Comparison.Kind.NOT_EQUAL),
      new ComparisonCodec(Comparison.Kind.EQUAL),
      new ReductionCodec(Reduction.Kind.ANY),
      new ReductionCodec(Reduction.Kind.ALL),
      new DotCodec(),
      new MaskingCodec(),
      new SpatialDropout1DCodec(),
      new Conv1DCodec(),
      new Pooling1DCodec.Max(),
      new Pooling1DCodec.Average(),
      new GlobalPooling1DCodec.Average(),
      new GlobalPooling1DCodec.Max(),
      new BatchNormalizationCodec(),
      new LayerNormalizationCodec()));

  /** Layers that run Python code; refused with that reason rather than as unknown. */
  private static final Set<String> PYTHON_CODE = Set.of("Lambda", "TFOpLambda", "SlicingOpLambda");

  private final Map<String, LayerCodec<?>> byClassName = new LinkedHashMap<>();
  private final Map<Class<?>, List<LayerCodec<?>>> byLayerClass = new LinkedHashMap<>();

  private LayerCodecs(List<LayerCodec<?>> codecs) {
    for (LayerCodec<?> c : codecs) {
      if (byClassName.put(c.className(), c) != null) {
        throw new IllegalStateException("two codecs for Keras class " + c.className());
      }
      byLayerClass.computeIfAbsent(c.layerClass(), k -> new java.util.ArrayList<>()).add(c);
    }
  }

  /**
   * Every codec seq2seq4j has.
   *
   * @return the standard registry
   */
  public static LayerCodecs standard() {
    return STANDARD;
  }

  /**
   * The Keras classes that can be read.
   *
   * @return the class names, sorted
   */
  public Set<String> classNames() {
    return Collections.unmodifiableSet(new TreeSet<>(byClassName.keySet()));
  }

  /**
   * The native layer classes that can be written.
   *
   * @return the classes
   */
  public Set<Class<?>> layerClasses() {
    return Collections.unmodifiableSet(byLayerClass.keySet());
  }

  /**
   * The codec that writes a native layer.
   *
   * @param layer the layer
   * @return its codec
   * @throws UnsupportedKerasFeatureException if the layer's class has none
   */
  @SuppressWarnings("unchecked")
  public <L extends Layer> LayerCodec<L> forLayer(L layer) {
    for (LayerCodec<?> c : byLayerClass.getOrDefault(layer.getClass(), List.of())) {
      LayerCodec<L> typed = (LayerCodec<L>) c;
      if (typed.writes(layer)) {
        return typed;
      }
    }
    throw new UnsupportedKerasFeatureException(layer.describe()
        + " has no Keras form (no codec for " + layer.getClass().getSimpleName() + ")");
  }

  /**
   * The codec of a Keras class, if there is one.
   *
   * @param className the Keras class name
   * @return the codec or {@code null}
   */
  public LayerCodec<?> forClassName(String className) {
    return byClassName.get(className);
  }

  /**
   * Builds a native layer from a serialized layer object ({@code {"class_name": ..., "config":
   * {...}}}), refusing custom code and unknown classes by name.
   *
   * @param layerObject the serialized layer
   * @param ctx version, notes and registry
   * @return the layer
   * @throws UnsupportedKerasFeatureException for a Lambda, a custom class or an unknown layer
   */
  public Layer read(JsonNode layerObject, CodecContext ctx) {
    String cls = layerObject.path("class_name").asText("");
    JsonNode config = layerObject.path("config");
    String name = config.path("name").asText(layerObject.path("name").asText(""));
    String where = cls + (name.isEmpty() ? "" : " '" + name + "'");
    refuseCodeHere(layerObject, cls);
    LayerCodec<?> codec = byClassName.get(cls);
    if (codec == null) {
      throw new UnsupportedKerasFeatureException("unsupported Keras layer " + where
          + "; supported: " + String.join(", ", classNames()));
    }
    JsonNode firstNode = layerObject.path("inbound_nodes").path(0);
    if (config.isObject() && !config.has("name") && !name.isEmpty()) {
      // Keras 3 op nodes keep their name beside the config, not in it.
      config = ((com.fasterxml.jackson.databind.node.ObjectNode) config).deepCopy().put("name", name);
    }
    return codec.fromNode(KerasConfig.of(config, where), firstNode, ctx);
  }

  /**
   * Refuses a model config that names code anywhere in it, before anything is built: a Lambda
   * or other Python-code layer, or any object (layer, wrapped layer, initializer, regularizer,
   * constraint) from a module outside Keras or under a custom registered name. Checked first so
   * that such a file is refused for its code, whatever else is wrong with it.
   *
   * @param config the whole model config
   * @throws UnsupportedKerasFeatureException naming the first such object
   */
  public static void refuseCode(JsonNode config) {
    // Iterative, not recursive: the JSON parser bounds the depth, but this needs no stack.
    ArrayDeque<JsonNode> pending = new ArrayDeque<>();
    pending.push(config);
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      JsonNode cls = node.get("class_name");
      if (node.isObject() && cls != null && cls.isTextual() && node.path("config").isObject()) {
        refuseCodeHere(node, cls.asText());
      }
      if (node.isContainerNode()) {
        node.elements().forEachRemaining(pending::push);
      }
    }
  }

  private static void refuseCodeHere(JsonNode object, String cls) {
    JsonNode inner = object.path("config"); // read() also passes layers without a config
    String name = inner.path("name").asText(object.path("name").asText(""));
    String where = cls + (name.isEmpty() ? "" : " '" + name + "'");
    if (PYTHON_CODE.contains(cls)) {
      throw new UnsupportedKerasFeatureException(where + " holds Python code, which "
          + "seq2seq4j never runs (rewrite it as built-in layers)");
    }
    requireBuiltIn(object, where);
  }

  /**
   * A custom class registered under the name of a built-in one is still custom code: Keras 3
   * marks built-ins with a {@code keras} module and no registered name.
   */
  private static void requireBuiltIn(JsonNode layerObject, String where) {
    JsonNode module = layerObject.get("module");
    if (module != null && !module.isNull() && !isKerasModule(module.asText())) {
      throw new UnsupportedKerasFeatureException(where + " comes from module '" + module.asText()
          + "': custom layers are code, which seq2seq4j never loads");
    }
    JsonNode registered = layerObject.get("registered_name");
    if (registered != null && !registered.isNull()
        && !registered.asText().equals(layerObject.path("class_name").asText())) {
      throw new UnsupportedKerasFeatureException(where + " is the custom class '"
          + registered.asText() + "', which seq2seq4j never loads");
    }
  }

  /** Keras's own modules: Keras 3's {@code keras.*}, and tf_keras's for Keras 2 archives. */
  private static boolean isKerasModule(String module) {
    for (String root : new String[] {"keras", "tf_keras"}) {
      if (module.equals(root) || module.startsWith(root + ".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Serializes a native layer as a Keras 3 layer object.
   *
   * @param layer the layer
   * @param json the JSON writer
   * @return the layer object
   */
  public <L extends Layer> ObjectNode write(L layer, KerasJson json) {
    LayerCodec<L> codec = forLayer(layer);
    ObjectNode o = json.layerObject(codec.className(), codec.toConfig(layer, json));
    o.put("module", codec.module());
    if (codec.registeredName() != null) {
      o.put("registered_name", codec.registeredName());
    }
    return o;
  }

  /**
   * A native layer's variables in Keras's order, with their names in every format.
   *
   * @param layer the built layer
   * @return the variables
   */
  public <L extends Layer> List<KerasVariable> variables(L layer) {
    return forLayer(layer).variables(layer);
  }
}
