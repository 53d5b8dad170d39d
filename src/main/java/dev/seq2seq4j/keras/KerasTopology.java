package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.AttentionBase;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Sequential;
import dev.seq2seq4j.nn.SymbolicTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Wires a Keras model config ({@code model.to_json()}, {@code config.json}, {@code
 * model_config}) into a native {@link Model}: Sequential stacks and Functional graphs, with Keras
 * 1 and 2 list-style {@code inbound_nodes} ({@code [[layer, node, tensor, kwargs]]}) and Keras 3
 * {@code {"args": [...], "kwargs": {...}}} nodes (an RNN's {@code initial_state} arrives in
 * kwargs). Every layer is built by its {@link LayerCodec}; the layers keep the config's order,
 * which is the order Keras stores their weights in.
 */
public final class KerasTopology {
  private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Functional", "Model");

  private final LayerCodecs codecs;
  private final CodecContext ctx;
  private final List<Layer> order = new ArrayList<>();

  private KerasTopology(LayerCodecs codecs, CodecContext ctx) {
    this.codecs = codecs;
    this.ctx = ctx;
  }

  /**
   * Rebuilds the model a Keras config describes.
   *
   * @param config the JSON of {@code model.to_json()} (top level {@code class_name} and {@code
   *     config})
   * @param version the Keras version that saved it (decides version-dependent maths)
   * @param inputShapes per-sample shapes for Inputs whose config leaves a size open, by name
   * @return the native model, its layers in Keras's order, and notes
   * @throws UnsupportedKerasFeatureException naming an unsupported layer or option
   */
  public static KerasModel read(JsonNode config, KerasVersion version,
      Map<String, long[]> inputShapes) {
    LayerCodecs codecs = LayerCodecs.standard();
    CodecContext ctx = new CodecContext(version, codecs, inputShapes);
    KerasTopology t = new KerasTopology(codecs, ctx);
    // Code is refused for what it is before Keras 1's renames name it an unknown class.
    LayerCodecs.refuseCode(config);
    JsonNode keras2 = version.major() < 2 ? Keras1Configs.upgrade(config, ctx) : config;
    Model model = t.model(CudnnConfigs.asPlainLayers(keras2, ctx));
    return new KerasModel(model, version, List.copyOf(t.order), ctx.notes());
  }

  private Model model(JsonNode root) {
    LayerCodecs.refuseCode(root); // code is refused for what it is, before anything else
    String cls = root.path("class_name").asText("");
    JsonNode cfg = root.path("config");
    if (!MODEL_CLASSES.contains(cls)) {
      throw new UnsupportedKerasFeatureException("unsupported Keras model class '" + cls
          + "' (expected Sequential or Functional; subclassed models are Python code)");
    }
    boolean layerList = cls.equals("Sequential") && cfg.isArray();
    if (!cfg.isObject() && !layerList) {
      throw new UnsupportedKerasFeatureException("the " + cls + " model config has no 'config' object");
    }
    String name = cfg.path("name").asText(layerList ? "sequential" : "model");
    try {
      return cls.equals("Sequential") ? sequential(name, cfg) : functional(name, cfg);
    } catch (UnsupportedKerasFeatureException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A layer refused its inputs (shapes that do not fit): the config is inconsistent.
      throw new UnsupportedKerasFeatureException("model '" + name + "' does not fit together: "
          + e.getMessage());
    }
  }

  private Layer layer(JsonNode layerObject) {
    String cls = layerObject.path("class_name").asText("");
    if (MODEL_CLASSES.contains(cls)) {
      throw new UnsupportedKerasFeatureException("model '" + layerObject.path("config")
          .path("name").asText(cls) + "' nested inside another model is not supported; "
          + "flatten it into one model");
    }
    return codecs.read(layerObject, ctx);
  }

  /**
   * A Sequential stack: Keras 2.2.3 and later write {@code {"name": ..., "layers": [...]}},
   * Keras 1 and Keras 2 up to 2.2.2 the list of layers alone.
   */
  private Model sequential(String name, JsonNode cfg) {
    JsonNode layers = cfg.isArray() ? cfg : cfg.path("layers");
    if (!layers.isArray() || layers.isEmpty()) {
      throw new UnsupportedKerasFeatureException("Sequential model '" + name + "' has no layers");
    }
    InputLayer input = null;
    List<Layer> stack = new ArrayList<>();
    for (JsonNode layerObject : layers) {
      boolean isInput = layerObject.path("class_name").asText("").equals("InputLayer");
      if (input == null && !isInput) {
        input = (InputLayer) layer(inputFromFirstLayer(layerObject, cfg));
      }
      Layer layer = layer(layerObject);
      if (layer instanceof InputLayer in) {
        if (input != null) {
          throw new UnsupportedKerasFeatureException(
              "Sequential model '" + name + "' has an InputLayer after its first layer");
        }
        input = in;
        continue;
      }
      stack.add(layer);
    }
    order.addAll(stack);
    Sequential.Builder b = Sequential.builder(name).inputName(input.name())
        .inputDtype(input.dtype()).input(input.shape());
    stack.forEach(b::add);
    return b.build();
  }

  /**
   * A Keras 2 Sequential without an InputLayer: its first layer carries {@code
   * batch_input_shape} (or the model a {@code build_input_shape}); this is the InputLayer it
   * implies.
   */
  private static JsonNode inputFromFirstLayer(JsonNode first, JsonNode modelConfig) {
    JsonNode lc = first.path("config");
    JsonNode shape = lc.has("batch_input_shape") ? lc.get("batch_input_shape")
        : modelConfig.get("build_input_shape");
    if (shape == null || shape.isNull()) {
      throw new UnsupportedKerasFeatureException("Sequential model has no InputLayer and its first"
          + " layer no batch_input_shape: the input shape is unknown");
    }
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("class_name", "InputLayer");
    ObjectNode ic = input.putObject("config");
    ic.set("batch_input_shape", shape);
    // Keras's Sequential.add names the Input it creates after the first layer.
    String layerName = lc.path("name").asText("");
    ic.put("name", layerName.isEmpty() ? "input" : layerName + "_input");
    if (lc.path("dtype").isTextual()) {
      ic.set("dtype", lc.get("dtype"));
    }
    return input;
  }

  private Model functional(String name, JsonNode cfg) {
    Map<String, List<List<SymbolicTensor>>> outputs = new HashMap<>();
    JsonNode layers = cfg.path("layers");
    if (!layers.isArray() || layers.isEmpty()) {
      throw new UnsupportedKerasFeatureException("model '" + name + "' has no layers");
    }
    for (JsonNode layerObject : layers) {
      String layerName = layerObject.has("name") ? layerObject.get("name").asText()
          : layerObject.path("config").path("name").asText();
      Layer l = layer(layerObject);
      if (l instanceof AttentionBase a) {
        a.returnAttentionScores(returnsScores(a, layerObject.path("inbound_nodes")));
      }
      List<List<SymbolicTensor>> nodes = new ArrayList<>();
      if (outputs.put(layerName, nodes) != null) {
        throw new UnsupportedKerasFeatureException("model '" + name + "' has two layers named '"
            + layerName + "'");
      }
      order.add(l);
      if (l instanceof InputLayer in) {
        nodes.add(List.of(in.tensor()));
        continue;
      }
      JsonNode inbound = layerObject.path("inbound_nodes");
      if (!inbound.isArray() || inbound.isEmpty()) {
        throw new UnsupportedKerasFeatureException(l.describe() + " in model '" + name
            + "' is not connected to anything");
      }
      for (JsonNode node : inbound) {
        List<SymbolicTensor> args = inboundArgs(l, node, outputs);
        nodes.add(l.applyWithMasks(args, explicitMasks(l, node, args.size(), outputs)));
      }
    }
    List<SymbolicTensor> ins = refs(cfg.path("input_layers"), outputs);
    List<SymbolicTensor> outs = refs(cfg.path("output_layers"), outputs);
    return Model.functional(name, ins, outs);
  }

  /** The tensors one inbound node feeds a layer: its inputs, then any initial state. */
  private static List<SymbolicTensor> inboundArgs(
      Layer layer, JsonNode node, Map<String, List<List<SymbolicTensor>>> outputs) {
    List<SymbolicTensor> args = new ArrayList<>();
    if (node.isObject()) { // Keras 3: {"args": [...], "kwargs": {"initial_state": [...]}}
      collectKeras3(node.path("args"), outputs, args);
      JsonNode kwargs = node.path("kwargs");
      checkKwargs(layer, kwargs);
      collectKeras3(kwargs.path("initial_state"), outputs, args);
    } else if (node.isArray()) { // Keras 2: [["layer", node, tensor, {kwargs}], ...]
      for (JsonNode ref : node) {
        args.add(tensor(ref, outputs));
        JsonNode kwargs = ref.size() > 3 ? ref.get(3) : null;
        if (kwargs != null && kwargs.isObject()) {
          checkKwargs(layer, kwargs);
          for (JsonNode s : kwargs.path("initial_state")) {
            args.add(tensor(s, outputs));
          }
        }
      }
    } else {
      throw new UnsupportedKerasFeatureException(layer.describe() + " has a malformed inbound node");
    }
    return args;
  }

  /**
   * Whether an attention layer is called with {@code return_attention_scores=True}, which adds
   * an output; every call of one layer must agree, since outputs are fixed per layer here.
   */
  private static boolean returnsScores(AttentionBase layer, JsonNode inbound) {
    Boolean seen = null;
    for (JsonNode node : inbound) {
      JsonNode kwargs = node.isObject() ? node.path("kwargs")
          : node.isArray() && node.size() > 0 && node.get(0).size() > 3 ? node.get(0).get(3)
          : null;
      boolean v = kwargs != null && kwargs.path("return_attention_scores").asBoolean(false);
      if (seen != null && seen != v) {
        throw new UnsupportedKerasFeatureException(layer.describe()
            + " is called both with and without return_attention_scores, which is not supported");
      }
      seen = v;
    }
    return seen != null && seen;
  }

  /** Call arguments that would change the computation and are not supported are refused. */
  private static void checkKwargs(Layer layer, JsonNode kwargs) {
    for (String key : List.of("use_causal_mask")) {
      if (kwargs.path(key).asBoolean(false)) {
        throw new UnsupportedKerasFeatureException(layer.describe() + " is called with " + key
            + "=True, which is not supported");
      }
    }
    if (kwargs.has("constants") && !kwargs.get("constants").isNull()) {
      throw new UnsupportedKerasFeatureException(layer.describe()
          + " is called with RNN constants, which is not supported");
    }
  }

  /**
   * The masks a Keras 3 call passes explicitly ({@code kwargs.mask}: one tensor for the first
   * input, or a list with one entry per input), as Keras records the masks of Masking and
   * Embedding layers in a Functional config.
   */
  private static List<SymbolicTensor> explicitMasks(Layer layer, JsonNode node, int inputs,
      Map<String, List<List<SymbolicTensor>>> outputs) {
    List<SymbolicTensor> masks = new ArrayList<>(java.util.Collections.nCopies(inputs, null));
    JsonNode mask = node.isObject() ? node.path("kwargs").get("mask") : null;
    if (mask == null || mask.isNull()) {
      return masks;
    }
    List<JsonNode> entries = new ArrayList<>();
    if (mask.isArray()) {
      mask.forEach(entries::add);
    } else {
      entries.add(mask);
    }
    if (entries.size() > inputs) {
      throw new UnsupportedKerasFeatureException(layer.describe() + " is called with "
          + entries.size() + " masks for " + inputs + " inputs");
    }
    for (int i = 0; i < entries.size(); i++) {
      JsonNode m = entries.get(i);
      if (m.isNull()) {
        continue;
      }
      if (!m.path("class_name").asText().equals("__keras_tensor__")) {
        throw new UnsupportedKerasFeatureException(layer.describe()
            + " is called with a mask that is not a tensor: " + m);
      }
      masks.set(i, tensor(m.path("config").path("keras_history"), outputs));
    }
    return masks;
  }

  private static void collectKeras3(
      JsonNode value, Map<String, List<List<SymbolicTensor>>> outputs, List<SymbolicTensor> into) {
    if (value.isArray()) {
      for (JsonNode v : value) {
        collectKeras3(v, outputs, into);
      }
    } else if (value.isObject() && value.path("class_name").asText().equals("__keras_tensor__")) {
      into.add(tensor(value.path("config").path("keras_history"), outputs));
    }
  }

  private static List<SymbolicTensor> refs(
      JsonNode list, Map<String, List<List<SymbolicTensor>>> outputs) {
    List<SymbolicTensor> r = new ArrayList<>();
    if (list.isArray() && list.size() == 3 && list.get(0).isTextual()) {
      r.add(tensor(list, outputs)); // Keras 3 writes a single input or output unwrapped
      return r;
    }
    for (JsonNode ref : list) {
      r.add(tensor(ref, outputs));
    }
    if (r.isEmpty()) {
      throw new UnsupportedKerasFeatureException("the model config lists no inputs or outputs");
    }
    return r;
  }

  /** Resolves {@code [layer, node, tensor]} to a tensor built earlier. */
  private static SymbolicTensor tensor(JsonNode ref, Map<String, List<List<SymbolicTensor>>> outputs) {
    if (!ref.isArray() || ref.size() < 3 || !ref.get(0).isTextual()
        || !ref.get(1).canConvertToInt() || !ref.get(2).canConvertToInt()) {
      throw new UnsupportedKerasFeatureException("the model config has a malformed tensor reference "
          + ref);
    }
    String layer = ref.get(0).asText();
    int node = ref.get(1).asInt();
    int index = ref.get(2).asInt();
    List<List<SymbolicTensor>> nodes = outputs.get(layer);
    if (nodes == null || node < 0 || node >= nodes.size() || index < 0
        || index >= nodes.get(node).size()) {
      throw new UnsupportedKerasFeatureException("the model config refers to " + layer + "[" + node
          + "][" + index + "], which is not defined before it");
    }
    return nodes.get(node).get(index);
  }
}
