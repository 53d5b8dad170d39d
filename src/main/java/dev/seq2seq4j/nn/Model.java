package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Keras functional model: named inputs, outputs, and the graph of layer applications between
 * them. Everything here is plain Java (shapes, weights, summary); {@link ModelGraph} turns a model
 * into TensorFlow ops.
 *
 * <p>Unnamed layers get Keras-style names ({@code lstm}, {@code lstm_1}, ...) in the order they
 * are first applied, so weight names such as {@code lstm/kernel} are stable.
 */
public class Model {
  private final String name;
  private final List<SymbolicTensor> inputs;
  private final List<SymbolicTensor> outputs;
  private final List<Node> nodes;
  private final List<Layer> layers;
  private final Map<String, Layer> layersByName;

  /**
   * Makes a functional model.
   *
   * @param name the model name shown in its summary
   * @param inputs the model's inputs, each made by {@link InputLayer#input}
   * @param outputs the values the model returns
   * @throws IllegalArgumentException if an output depends on an input not listed, an input is
   *     listed twice, or two layers share a name
   */
  public static Model functional(
      String name, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
    return new Model(name, inputs, outputs);
  }

  protected Model(String name, List<SymbolicTensor> inputs, List<SymbolicTensor> outputs) {
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one input and one output");
    }
    this.name = name;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    Set<Node> inputNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SymbolicTensor in : inputs) {
      if (!(in.producer().layer() instanceof InputLayer)) {
        throw new IllegalArgumentException(
            "model input " + in + " is not an Input; make inputs with InputLayer.input(...)");
      }
      if (!inputNodes.add(in.producer())) {
        throw new IllegalArgumentException("input '" + in.producer().layer().name() + "' listed twice");
      }
    }
    List<Node> order = new ArrayList<>();
    Set<Node> done = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SymbolicTensor out : outputs) {
      visit(out.producer(), inputNodes, done, order);
    }
    this.nodes = Collections.unmodifiableList(order);
    List<Layer> ls = new ArrayList<>();
    Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (SymbolicTensor in : inputs) {
      if (seen.add(in.producer().layer())) {
        ls.add(in.producer().layer());
      }
    }
    for (Node n : order) {
      if (seen.add(n.layer())) {
        ls.add(n.layer());
      }
    }
    this.layers = Collections.unmodifiableList(ls);
    this.layersByName = nameLayers(ls);
  }

  private static void visit(Node node, Set<Node> inputNodes, Set<Node> done, List<Node> order) {
    if (done.contains(node)) {
      return;
    }
    if (node.layer() instanceof InputLayer) {
      if (!inputNodes.contains(node)) {
        throw new IllegalArgumentException(
            "the outputs depend on input '" + node.layer().name()
                + "', which is not among the model's inputs");
      }
      done.add(node);
      return;
    }
    for (SymbolicTensor in : node.dependencies()) {
      visit(in.producer(), inputNodes, done, order);
    }
    done.add(node);
    order.add(node);
  }

  private static Map<String, Layer> nameLayers(List<Layer> layers) {
    Map<String, Layer> byName = new LinkedHashMap<>();
    for (Layer l : layers) {
      if (l.name() != null && byName.put(l.name(), l) != null) {
        throw new IllegalArgumentException("two layers are named '" + l.name() + "'");
      }
    }
    Map<String, Integer> counters = new HashMap<>();
    for (Layer l : layers) {
      if (l.name() == null) {
        String prefix = l.defaultNamePrefix();
        String candidate;
        do {
          int k = counters.merge(prefix, 1, Integer::sum) - 1;
          candidate = k == 0 ? prefix : prefix + "_" + k;
        } while (byName.containsKey(candidate));
        l.assignNameIfMissing(candidate);
        byName.put(candidate, l);
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /** The model name. */
  public String name() {
    return name;
  }

  /** The model inputs, in feed order. */
  public List<SymbolicTensor> inputs() {
    return inputs;
  }

  /** The model outputs, in fetch order. */
  public List<SymbolicTensor> outputs() {
    return outputs;
  }

  /** The names of the inputs (the Input layers' names). */
  public List<String> inputNames() {
    List<String> n = new ArrayList<>();
    for (SymbolicTensor t : inputs) {
      n.add(t.producer().layer().name());
    }
    return n;
  }

  /** The layer applications in an order where each comes after the values it reads. */
  public List<Node> nodes() {
    return nodes;
  }

  /** Every layer, inputs first, then in order of first use. */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * The layer with this name.
   *
   * @throws IllegalArgumentException listing the model's layer names if there is none
   */
  public Layer layer(String layerName) {
    Layer l = layersByName.get(layerName);
    if (l == null) {
      throw new IllegalArgumentException(
          "model '" + name + "' has no layer '" + layerName + "'; layers: " + layersByName.keySet());
    }
    return l;
  }

  /**
   * Every weight by its qualified name: the layer's name, then its path inside the layer
   * ({@code dense/kernel}, {@code lstm/cell/recurrent_kernel}, {@code
   * bidirectional/forward_layer/cell/bias}), in layer order and, within a layer, in Keras's
   * order.
   *
   * @return the weights by qualified name
   */
  public Map<String, WeightSpec> weights() {
    Map<String, WeightSpec> w = new LinkedHashMap<>();
    for (Layer l : layers) {
      l.weightTree().forEach((path, spec) -> w.put(l.name() + "/" + path, spec));
    }
    return Collections.unmodifiableMap(w);
  }

  /** The total number of weight scalars. */
  public long parameterCount() {
    long n = 0;
    for (Layer l : layers) {
      n = Shapes.saturatedSum(n, l.parameterCount());
    }
    return n;
  }

  /** The number of trainable weight scalars. */
  public long trainableParameterCount() {
    long n = 0;
    for (WeightSpec w : weights().values()) {
      if (w.trainable()) {
        n += w.size();
      }
    }
    return n;
  }

  /** A Keras-style summary table: layer (type), output shape, parameter count, connections. */
  public String summary() {
    return ModelSummary.of(this);
  }

  /** Names the inputs a node consumes as Keras prints them: {@code lstm[0][1]}. */
  static List<String> connections(Node node) {
    List<String> c = new ArrayList<>();
    for (SymbolicTensor in : node.inputs()) {
      c.add(in.producer().layer().name() + "[0][" + in.index() + "]");
    }
    return c;
  }

  /** Whether this model is a plain stack (summaries then omit the input row and connections). */
  public boolean isSequential() {
    return false;
  }
}
