package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.nn.AttentionBase;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Node;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.rnn.Bidirectional;
import dev.seq2seq4j.nn.rnn.Rnn;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a native {@link Model} as the Keras 3 model config that Keras's {@code
 * model_from_json} (and {@code load_model} of a {@code .keras} file) turns back into the same
 * model: a {@code Sequential} for a Java Sequential, otherwise a {@code Functional} graph with
 * Keras 3 inbound nodes, layers in Keras's own order. The inverse of {@link KerasTopology}.
 */
public final class KerasConfigWriter {
  private final LayerCodecs codecs = LayerCodecs.standard();
  private final KerasJson json = new KerasJson(codecs);

  private KerasConfigWriter() {}

  /**
   * The model's Keras 3 config.
   *
   * @param model the model
   * @return {@code {"module", "class_name", "config", ...}} as {@code model.to_json()} writes
   * @throws UnsupportedKerasFeatureException if a layer has no Keras form
   */
  public static ObjectNode write(Model model) {
    KerasConfigWriter w = new KerasConfigWriter();
    return model.isSequential() ? w.sequential(model) : w.functional(model);
  }

  private ObjectNode sequential(Model model) {
    ObjectNode root = json.object();
    root.put("module", "keras");
    root.put("class_name", "Sequential");
    ObjectNode cfg = root.putObject("config");
    cfg.put("name", model.name());
    cfg.put("trainable", true);
    cfg.set("dtype", json.dtypePolicy("float32"));
    ArrayNode layers = cfg.putArray("layers");
    SymbolicTensor input = model.inputs().get(0);
    layers.add(codecs.write(input.producer().layer(), json));
    for (Node node : model.nodes()) {
      ObjectNode o = codecs.write(node.layer(), json);
      o.set("build_config", buildConfig(node.inputs().get(0)));
      layers.add(o);
    }
    root.putNull("registered_name");
    root.putObject("build_config").set("input_shape", batchShape(input));
    return root;
  }

  private ObjectNode functional(Model model) {
    ObjectNode root = json.object();
    root.put("module", "keras.src.models.functional");
    root.put("class_name", "Functional");
    ObjectNode cfg = root.putObject("config");
    cfg.put("name", model.name());
    cfg.put("trainable", true);
    ArrayNode layers = cfg.putArray("layers");
    Map<Layer, List<Node>> nodesOf = new IdentityHashMap<>();
    for (Node n : model.nodes()) {
      nodesOf.computeIfAbsent(n.layer(), k -> new ArrayList<>()).add(n);
    }
    for (Layer layer : KerasLayout.kerasOrder(model)) {
      ObjectNode o = codecs.write(layer, json);
      List<Node> nodes = nodesOf.getOrDefault(layer, List.of());
      boolean isOp = !codecs.forLayer(layer).module().equals("keras.layers");
      if (!(layer instanceof InputLayer) && !nodes.isEmpty() && !isOp) {
        o.set("build_config", buildConfig(nodes.get(0).inputs().get(0)));
      }
      o.put("name", layer.name());
      ArrayNode inbound = o.putArray("inbound_nodes");
      for (Node n : nodes) {
        inbound.add(inboundNode(n, nodesOf));
      }
      layers.add(o);
    }
    cfg.set("input_layers", refs(model.inputs(), nodesOf));
    cfg.set("output_layers", refs(model.outputs(), nodesOf));
    root.put("registered_name", "Functional");
    root.putObject("build_config").putNull("input_shape");
    return root;
  }

  /**
   * One call of a layer as Keras 3 records it: an RNN takes its sequence as the argument and
   * any initial state as {@code initial_state}; a layer of several inputs takes them as one list;
   * any other layer takes its one input.
   */
  private ObjectNode inboundNode(Node n, Map<Layer, List<Node>> nodesOf) {
    ObjectNode node = json.object();
    ArrayNode args = node.putArray("args");
    ObjectNode kwargs = node.putObject("kwargs");
    List<SymbolicTensor> in = n.inputs();
    if (n.layer() instanceof Rnn || n.layer() instanceof Bidirectional) {
      args.add(tensor(in.get(0), nodesOf));
      if (in.size() > 1) {
        ArrayNode states = kwargs.putArray("initial_state");
        for (SymbolicTensor s : in.subList(1, in.size())) {
          states.add(tensor(s, nodesOf));
        }
      }
    } else if (in.size() > 1) {
      ArrayNode list = args.addArray();
      for (SymbolicTensor t : in) {
        list.add(tensor(t, nodesOf));
      }
      if (n.layer() instanceof AttentionBase a && a.returnsAttentionScores()) {
        kwargs.put("return_attention_scores", true);
      }
    } else {
      args.add(tensor(in.get(0), nodesOf));
    }
    codecs.forLayer(n.layer()).appendArguments(n.layer(), args);
    writeMasks(n, kwargs, nodesOf);
    return node;
  }

  /** Explicit masks go to {@code kwargs.mask}: one tensor for one input, else a list. */
  private void writeMasks(Node n, ObjectNode kwargs, Map<Layer, List<Node>> nodesOf) {
    List<SymbolicTensor> masks = n.masks();
    if (masks.stream().allMatch(m -> m == null)) {
      return;
    }
    if (masks.size() == 1) {
      kwargs.set("mask", tensor(masks.get(0), nodesOf));
      return;
    }
    ArrayNode list = kwargs.putArray("mask");
    for (SymbolicTensor m : masks) {
      if (m == null) {
        list.addNull();
      } else {
        list.add(tensor(m, nodesOf));
      }
    }
  }

  private ObjectNode tensor(SymbolicTensor t, Map<Layer, List<Node>> nodesOf) {
    ObjectNode k = json.object();
    k.put("class_name", "__keras_tensor__");
    ObjectNode c = k.putObject("config");
    c.set("shape", batchShape(t));
    c.put("dtype", t.dtype().kerasName());
    c.set("keras_history", history(t, nodesOf));
    return k;
  }

  private ArrayNode history(SymbolicTensor t, Map<Layer, List<Node>> nodesOf) {
    Layer layer = t.producer().layer();
    int node = layer instanceof InputLayer ? 0
        : nodesOf.get(layer).indexOf(t.producer());
    ArrayNode h = json.array();
    h.add(layer.name()).add(node).add(t.index());
    return h;
  }

  private ArrayNode refs(List<SymbolicTensor> tensors, Map<Layer, List<Node>> nodesOf) {
    ArrayNode list = json.array();
    for (SymbolicTensor t : tensors) {
      list.add(history(t, nodesOf));
    }
    return list;
  }

  private ObjectNode buildConfig(SymbolicTensor firstInput) {
    ObjectNode b = json.object();
    b.set("input_shape", batchShape(firstInput));
    return b;
  }

  private ArrayNode batchShape(SymbolicTensor t) {
    ArrayNode shape = json.array();
    shape.addNull();
    for (long d : t.shape()) {
      shape.add(d);
    }
    return shape;
  }
}
