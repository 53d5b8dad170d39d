package dev.seq2seq4j.interop;

import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.rnn.LSTM;
import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.nn.Dense;
import dev.seq2seq4j.nn.Flatten;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.RepeatVector;
import dev.seq2seq4j.nn.Reshape;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.TimeDistributed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a native {@link Model} from a Keras model config ({@code model.to_json()}), in Keras 3
 * form (parity.json, {@code .keras} config) or Keras 2 form (keras_metadata.pb, HDF5
 * {@code model_config}).
 *
 * <p>Supported layers: InputLayer, Dense, LSTM, RepeatVector, TimeDistributed, Flatten, Reshape,
 * wired as a Sequential or a functional graph (with LSTM {@code initial_state}); Dropout layers
 * pass their input through, as at inference. Anything else is refused by name, as are options
 * that change the computed function (stateful or time-major LSTMs, unknown activations,
 * activity masking). Options that do nothing at inference (dropout rates, regularizers,
 * constraints, unroll, implementation) are accepted; dropout is listed in {@link Result#notes()}.
 */
public final class KerasModelBuilder {
  /** The Keras layer classes this builder can rebuild. */
  public static final Set<String> SUPPORTED = Set.of("InputLayer", "Dense", "LSTM",
      "RepeatVector", "TimeDistributed", "Flatten", "Reshape", "Dropout");

  /** Layers that are the identity at inference; rebuilt as a pass-through, with a note. */
  private static final Set<String> IDENTITY_AT_INFERENCE = Set.of("Dropout");

  private final Map<String, long[]> inputShapes;
  private final List<String> notes = new ArrayList<>();

  private KerasModelBuilder(Map<String, long[]> inputShapes) {
    this.inputShapes = inputShapes;
  }

  /** The rebuilt model and what was ignored on the way. */
  public record Result(Model model, List<String> notes) {}

  /**
   * Rebuilds the model a Keras config describes.
   *
   * @param config the JSON of {@code model.to_json()} (top level {@code class_name} and {@code
   *     config})
   * @param inputShapes per-sample shapes for Inputs whose config leaves a dimension unknown
   *     ({@code Input(shape=(None, 14))}), by Input name; static unrolling needs every size
   * @return the native model and notes on what was ignored
   * @throws UnsupportedKerasFeatureException naming an unsupported layer or option
   * @throws IllegalArgumentException if the config is malformed or a shape is missing
   */
  public static Result build(JsonNode config, Map<String, long[]> inputShapes) {
    KerasModelBuilder b = new KerasModelBuilder(inputShapes);
    Model m = b.buildModel(config);
    return new Result(m, List.copyOf(b.notes));
  }

  private Model buildModel(JsonNode root) {
    String cls = root.path("class_name").asText();
    JsonNode cfg = root.path("config");
    String name = cfg.path("name").asText("model");
    switch (cls) {
      case "Sequential":
        return sequential(name, cfg);
      case "Functional":
      case "Model":
        return functional(name, cfg);
      default:
        throw new UnsupportedKerasFeatureException(
            "unsupported Keras model class '" + cls + "' (expected Sequential or Functional)");
    }
  }

  private Model sequential(String name, JsonNode cfg) {
    JsonNode layers = cfg.path("layers");
    SymbolicTensor x = null;
    SymbolicTensor input = null;
    for (JsonNode layer : layers) {
      String cls = layer.path("class_name").asText();
      JsonNode lc = layer.path("config");
      if (cls.equals("InputLayer")) {
        input = input(lc);
        x = input;
        continue;
      }
      if (x == null) {
        // Keras 2 Sequential without an InputLayer: the first layer carries batch_input_shape.
        JsonNode shape = lc.has("batch_input_shape") ? lc.get("batch_input_shape")
            : cfg.path("build_input_shape");
        input = InputLayer.input(
            "input", resolveShape("input", dims(shape)));
        x = input;
      }
      if (identityAtInference(cls, lc)) {
        continue;
      }
      x = layer(cls, lc).apply(x);
    }
    if (input == null) {
      throw new IllegalArgumentException("Sequential config '" + name + "' has no layers");
    }
    return Model.functional(name, List.of(input), List.of(x));
  }

  private Model functional(String name, JsonNode cfg) {
    Map<String, Layer> layers = new HashMap<>();
    Map<String, List<List<SymbolicTensor>>> outputs = new HashMap<>();
    for (JsonNode layer : cfg.path("layers")) {
      String cls = layer.path("class_name").asText();
      String layerName = layer.has("name") ? layer.get("name").asText()
          : layer.path("config").path("name").asText();
      List<List<SymbolicTensor>> nodes = new ArrayList<>();
      outputs.put(layerName, nodes);
      if (cls.equals("InputLayer")) {
        nodes.add(List.of(input(layer.path("config"))));
        continue;
      }
      if (identityAtInference(cls, layer.path("config"))) {
        for (JsonNode node : layer.path("inbound_nodes")) {
          nodes.add(inboundArgs(node, outputs)); // the layer's output is its input
        }
        continue;
      }
      Layer l = layer(cls, layer.path("config"));
      layers.put(layerName, l);
      for (JsonNode node : layer.path("inbound_nodes")) {
        List<SymbolicTensor> args = inboundArgs(node, outputs);
        nodes.add(l.applyAll(args.toArray(new SymbolicTensor[0])));
      }
    }
    List<SymbolicTensor> ins = refs(cfg.path("input_layers"), outputs);
    List<SymbolicTensor> outs = refs(cfg.path("output_layers"), outputs);
    return Model.functional(name, ins, outs);
  }

  /** The tensors one inbound node feeds a layer: main input, then any initial state. */
  private static List<SymbolicTensor> inboundArgs(
      JsonNode node, Map<String, List<List<SymbolicTensor>>> outputs) {
    List<SymbolicTensor> args = new ArrayList<>();
    if (node.isObject()) { // Keras 3: {"args": [...], "kwargs": {"initial_state": [...]}}
      collectKeras3(node.path("args"), outputs, args);
      collectKeras3(node.path("kwargs").path("initial_state"), outputs, args);
    } else { // Keras 2: [["layer", node, tensor, {kwargs}], ...]
      for (JsonNode ref : node) {
        args.add(tensor(ref.get(0).asText(), ref.get(1).asInt(), ref.get(2).asInt(), outputs));
        JsonNode kwargs = ref.size() > 3 ? ref.get(3) : null;
        if (kwargs != null && kwargs.has("initial_state")) {
          for (JsonNode s : kwargs.get("initial_state")) {
            args.add(tensor(s.get(0).asText(), s.get(1).asInt(), s.get(2).asInt(), outputs));
          }
        }
      }
    }
    return args;
  }

  private static void collectKeras3(
      JsonNode value, Map<String, List<List<SymbolicTensor>>> outputs, List<SymbolicTensor> into) {
    if (value.isArray()) {
      for (JsonNode v : value) {
        collectKeras3(v, outputs, into);
      }
    } else if (value.isObject() && value.path("class_name").asText().equals("__keras_tensor__")) {
      JsonNode h = value.path("config").path("keras_history");
      into.add(tensor(h.get(0).asText(), h.get(1).asInt(), h.get(2).asInt(), outputs));
    }
  }

  private static List<SymbolicTensor> refs(
      JsonNode list, Map<String, List<List<SymbolicTensor>>> outputs) {
    List<SymbolicTensor> r = new ArrayList<>();
    if (list.isArray() && list.size() == 3 && list.get(0).isTextual()) {
      r.add(tensor(list.get(0).asText(), list.get(1).asInt(), list.get(2).asInt(), outputs));
      return r;
    }
    for (JsonNode ref : list) {
      r.add(tensor(ref.get(0).asText(), ref.get(1).asInt(), ref.get(2).asInt(), outputs));
    }
    return r;
  }

  private static SymbolicTensor tensor(
      String layer, int node, int index, Map<String, List<List<SymbolicTensor>>> outputs) {
    List<List<SymbolicTensor>> nodes = outputs.get(layer);
    if (nodes == null || node >= nodes.size() || index >= nodes.get(node).size()) {
      throw new IllegalArgumentException(
          "config refers to " + layer + "[" + node + "][" + index + "], which is not defined before it");
    }
    return nodes.get(node).get(index);
  }

  private SymbolicTensor input(JsonNode cfg) {
    String name = cfg.path("name").asText("input");
    JsonNode shape = cfg.has("batch_shape") ? cfg.get("batch_shape") : cfg.get("batch_input_shape");
    if (shape == null) {
      throw new IllegalArgumentException("InputLayer '" + name + "' has no batch_shape");
    }
    return InputLayer.input(name, resolveShape(name, dims(shape)));
  }

  /** Drops the batch dimension; unknown sizes come from {@link #inputShapes}. */
  private long[] resolveShape(String name, List<Long> batchShape) {
    long[] shape = new long[batchShape.size() - 1];
    boolean unknown = false;
    for (int i = 1; i < batchShape.size(); i++) {
      Long d = batchShape.get(i);
      shape[i - 1] = d == null ? -1 : d;
      unknown |= d == null;
    }
    if (!unknown) {
      return shape;
    }
    long[] given = inputShapes.get(name);
    if (given == null || given.length != shape.length) {
      throw new IllegalArgumentException(
          "input '" + name + "' has shape " + batchShape.subList(1, batchShape.size())
              + " with an unknown size; give its full per-sample shape (e.g. timesteps)");
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] >= 0 && shape[i] != given[i]) {
        throw new IllegalArgumentException(
            "input '" + name + "' is configured with size " + shape[i] + " at axis " + (i + 1)
                + ", given " + given[i]);
      }
    }
    return given.clone();
  }

  /** A shape list, from a JSON array or Keras 2's {"class_name": "__tuple__", "items": [...]}. */
  private static List<Long> dims(JsonNode shape) {
    JsonNode items = shape != null && shape.isObject() ? shape.path("items") : shape;
    if (items == null || !items.isArray() || items.size() < 2) {
      throw new IllegalArgumentException("cannot read an input shape from " + shape);
    }
    List<Long> d = new ArrayList<>();
    for (JsonNode v : items) {
      d.add(v.isNull() ? null : v.asLong());
    }
    return d;
  }

  /** Whether the layer computes the identity at inference; if so, says so in the notes. */
  private boolean identityAtInference(String cls, JsonNode c) {
    if (!IDENTITY_AT_INFERENCE.contains(cls)) {
      return false;
    }
    notes.add(cls + " '" + c.path("name").asText() + "' (rate " + c.path("rate").asText("?")
        + ") is ignored: it only acts in training");
    return true;
  }

  /** Resolves an activation by Keras name, refusing an unknown one with the layer's name. */
  private static String activation(String cls, String name, JsonNode c, String field, String def) {
    JsonNode a = c.path(field);
    if (a.isObject()) {
      throw new UnsupportedKerasFeatureException(cls + " '" + name + "' uses a custom " + field
          + " object (" + a.path("class_name").asText() + "), which is not supported");
    }
    String value = a.asText(def);
    try {
      dev.seq2seq4j.nn.ActivationFunction.byName(value);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKerasFeatureException(cls + " '" + name + "': " + field + " '" + value
          + "' is not supported; supported: " + dev.seq2seq4j.nn.ActivationFunction.names());
    }
    return value;
  }

  private Layer layer(String cls, JsonNode c) {
    String name = c.path("name").asText(null);
    switch (cls) {
      case "Dense":
        return Dense.builder(c.path("units").asInt())
            .activation(activation(cls, name, c, "activation", "linear"))
            .useBias(c.path("use_bias").asBoolean(true))
            .name(name)
            .build();
      case "LSTM":
        return lstm(name, c);
      case "RepeatVector":
        return new RepeatVector(c.path("n").asInt(), name);
      case "TimeDistributed":
        JsonNode inner = c.path("layer");
        return new TimeDistributed(layer(inner.path("class_name").asText(), withoutName(inner)), name);
      case "Flatten":
        return new Flatten(name);
      case "Reshape":
        JsonNode t = c.path("target_shape");
        long[] target = new long[t.size()];
        for (int i = 0; i < target.length; i++) {
          target[i] = t.get(i).asLong();
        }
        return new Reshape(name, target);
      default:
        throw new UnsupportedKerasFeatureException(
            "unsupported Keras layer " + cls + (name == null ? "" : " '" + name + "'")
                + "; supported: " + String.join(", ", new java.util.TreeSet<>(SUPPORTED)));
    }
  }

  private static JsonNode withoutName(JsonNode inner) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        ((com.fasterxml.jackson.databind.node.ObjectNode) inner.path("config")).deepCopy();
    copy.remove("name"); // the wrapped layer's weights are named after the wrapper
    return copy;
  }

  private Layer lstm(String name, JsonNode c) {
    if (c.path("stateful").asBoolean(false)) {
      throw new UnsupportedKerasFeatureException("LSTM '" + name + "' is stateful, which is not supported");
    }
    if (c.path("time_major").asBoolean(false)) {
      throw new UnsupportedKerasFeatureException("LSTM '" + name + "' is time_major, which is not supported");
    }
    if (c.path("dropout").asDouble(0) > 0 || c.path("recurrent_dropout").asDouble(0) > 0) {
      notes.add("LSTM '" + name + "': dropout is ignored (it only acts in training)");
    }
    return LSTM.builder(c.path("units").asInt())
        .activation(activation("LSTM", name, c, "activation", "tanh"))
        .recurrentActivation(activation("LSTM", name, c, "recurrent_activation", "sigmoid"))
        .useBias(c.path("use_bias").asBoolean(true))
        .unitForgetBias(c.path("unit_forget_bias").asBoolean(true))
        .returnSequences(c.path("return_sequences").asBoolean(false))
        .returnState(c.path("return_state").asBoolean(false))
        .goBackwards(c.path("go_backwards").asBoolean(false))
        .name(name)
        .build();
  }
}
