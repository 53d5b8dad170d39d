package dev.seq2seq4j.keras;

import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Node;
import dev.seq2seq4j.nn.SymbolicTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where every weight of a model lives in each Keras file format, computed from the layers'
 * order and their codecs' variable lists, never guessed from names:
 *
 * <ul>
 *   <li>{@code .keras} ({@code model.weights.h5}): the layer's group is named after its Keras
 *       class, snake-cased, with a counter per class in layer order ({@code layers/lstm}, {@code
 *       layers/lstm_1}; Keras's {@code _get_unique_name}), the variable below it by the codec
 *       ({@code cell/vars/0});
 *   <li>legacy {@code .h5}: the layer's own name ({@code model_weights/<name>}), variables in the
 *       codec's order, which is the order of the group's {@code weight_names};
 *   <li>Keras 2 TensorFlow checkpoints and SavedModels: the object-graph path {@code
 *       layer_with_weights-K/} plus the Java path, K counting layers that have weights;
 *   <li>Keras 3 exports: the variable path, the layer's name plus the codec's {@code
 *       variablePath} (a Sequential model prefixes its own name).
 * </ul>
 */
public final class KerasLayout {
  /** Where tf.keras 2.13's {@code .keras} weights keep the layers, instead of {@code layers}. */
  public static final String CHECKPOINT_DEPENDENCIES = "_layer_checkpoint_dependencies";

  /**
   * One layer's place.
   *
   * @param layer the layer
   * @param archiveGroup its group in a {@code .keras} weights file, e.g. {@code layers/lstm_1}
   * @param weightedIndex K of {@code layer_with_weights-K}, or -1 for a layer without weights
   * @param variables its variables in Keras's order
   */
  public record Site(Layer layer, String archiveGroup, int weightedIndex,
      List<KerasVariable> variables) {}

  /**
   * One weight's places.
   *
   * @param javaName the model's qualified name, e.g. {@code lstm/cell/kernel}
   * @param site the layer's place
   * @param index the variable's position within its layer
   * @param variable the variable's relative names
   */
  public record Placement(String javaName, Site site, int index, KerasVariable variable) {
    /**
     * The dataset path in a {@code .keras} weights file.
     *
     * @return e.g. {@code layers/lstm/cell/vars/0}
     */
    public String archivePath() {
      return site.archiveGroup() + "/" + variable.archivePath();
    }

    /**
     * The object-graph path in a Keras 2 checkpoint.
     *
     * @return e.g. {@code layer_with_weights-0/cell/kernel}
     */
    public String keras2ObjectPath() {
      return "layer_with_weights-" + site.weightedIndex() + "/" + variable.javaPath();
    }

    /**
     * The Keras 3 variable path (without a Sequential model's name prefix).
     *
     * @return e.g. {@code lstm/lstm_cell/kernel}
     */
    public String variablePath() {
      return site.layer().name() + "/" + variable.variablePath();
    }
  }

  private final List<Site> sites;
  private final Map<String, Placement> placements;

  private KerasLayout(List<Site> sites, Map<String, Placement> placements) {
    this.sites = sites;
    this.placements = placements;
  }

  /**
   * The layout for layers in a given order (a config's order when reading a Keras file).
   *
   * @param model the model
   * @param kerasOrder its layers in Keras's {@code model.layers} order
   * @return the layout
   * @throws IllegalStateException if a codec's variables disagree with its layer's weights
   */
  public static KerasLayout of(Model model, List<Layer> kerasOrder) {
    LayerCodecs codecs = LayerCodecs.standard();
    List<Site> sites = new ArrayList<>();
    Map<String, Placement> placements = new LinkedHashMap<>();
    Map<String, Integer> used = new HashMap<>();
    int weighted = 0;
    for (Layer layer : kerasOrder) {
      String group = "layers/" + uniqueName(Layer.snakeCase(codecs.forLayer(layer).className()), used);
      List<KerasVariable> vars = codecs.variables(layer);
      requireSameWeights(layer, vars);
      Site site = new Site(layer, group, vars.isEmpty() ? -1 : weighted, vars);
      if (!vars.isEmpty()) {
        weighted++;
      }
      sites.add(site);
      for (int i = 0; i < vars.size(); i++) {
        String javaName = layer.name() + "/" + vars.get(i).javaPath();
        placements.put(javaName, new Placement(javaName, site, i, vars.get(i)));
      }
    }
    Set<String> missing = new TreeSet<>(model.weights().keySet());
    missing.removeAll(placements.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the Keras layer order lacks the layers of weights " + missing);
    }
    return new KerasLayout(Collections.unmodifiableList(sites), Collections.unmodifiableMap(placements));
  }

  /**
   * The layout of a model built in Java, with its layers in the order Keras itself would give
   * them (a Sequential's stack; a Functional model's operations by depth, then traversal, as
   * Keras's {@code map_graph} orders them), so a file written from it loads into Keras.
   *
   * @param model the model
   * @return the layout
   */
  public static KerasLayout of(Model model) {
    return of(model, kerasOrder(model));
  }

  /**
   * Keras's {@code model.layers} order for a model.
   *
   * @param model the model
   * @return its layers as Keras would list them
   */
  public static List<Layer> kerasOrder(Model model) {
    if (model.isSequential()) {
      List<Layer> stack = new ArrayList<>(model.layers());
      stack.removeIf(l -> l instanceof InputLayer);
      return stack;
    }
    return FunctionalOrder.of(model);
  }

  /**
   * Each site's group as tf.keras 2.13 named it under {@code _layer_checkpoint_dependencies}.
   * That container lists a layer with weights twice (as {@code layer_with_weights-N} and as
   * {@code layer-N}); the second visit writes nothing but still advances the class's counter,
   * so the second LSTM of a model is {@code lstm_2} there, not {@code lstm_1}.
   *
   * @return the {@code layers/...} group of each site mapped to its group in such a file
   */
  public Map<String, String> checkpointDependencyGroups() {
    LayerCodecs codecs = LayerCodecs.standard();
    Map<String, String> groups = new HashMap<>();
    Map<String, Integer> used = new HashMap<>();
    for (Site site : sites) {
      String base = Layer.snakeCase(codecs.forLayer(site.layer()).className());
      groups.put(site.archiveGroup(), CHECKPOINT_DEPENDENCIES + "/" + uniqueName(base, used));
      if (!site.variables().isEmpty()) {
        uniqueName(base, used);
      }
    }
    return groups;
  }

  private static String uniqueName(String name, Map<String, Integer> used) {
    Integer n = used.get(name);
    if (n == null) {
      used.put(name, 0);
      return name;
    }
    used.put(name, n + 1);
    return name + "_" + (n + 1);
  }

  private static void requireSameWeights(Layer layer, List<KerasVariable> vars) {
    Set<String> fromCodec = new TreeSet<>();
    vars.forEach(v -> fromCodec.add(v.javaPath()));
    Set<String> fromLayer = new TreeSet<>(layer.weightTree().keySet());
    if (!fromCodec.equals(fromLayer) || vars.size() != fromLayer.size()) {
      throw new IllegalStateException("the Keras codec of " + layer.describe() + " lists variables "
          + fromCodec + " but the layer has " + fromLayer);
    }
  }

  /**
   * Every layer's place, in Keras's order.
   *
   * @return the sites
   */
  public List<Site> sites() {
    return sites;
  }

  /**
   * Every weight's places, in Keras's order.
   *
   * @return by qualified Java name
   */
  public Map<String, Placement> placements() {
    return placements;
  }

  /** Keras's {@code map_graph} order of a Functional model's operations. */
  private static final class FunctionalOrder {
    private final Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Node> decreasingDepth = new ArrayList<>();
    private final Map<Layer, Integer> traversal = new IdentityHashMap<>();
    private final List<SymbolicTensor> inputs;

    private FunctionalOrder(List<SymbolicTensor> inputs) {
      this.inputs = inputs;
    }

    static List<Layer> of(Model model) {
      FunctionalOrder o = new FunctionalOrder(model.inputs());
      for (SymbolicTensor out : model.outputs()) {
        o.visit(out);
      }
      Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
      Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
      List<Layer> seen = new ArrayList<>();
      for (int i = o.decreasingDepth.size() - 1; i >= 0; i--) {
        Node node = o.decreasingDepth.get(i);
        int depth = nodeDepth.computeIfAbsent(node, n -> 0);
        depth = Math.max(depth, layerDepth.getOrDefault(node.layer(), 0));
        if (!layerDepth.containsKey(node.layer())) {
          seen.add(node.layer());
        }
        layerDepth.put(node.layer(), depth);
        nodeDepth.put(node, depth);
        for (SymbolicTensor in : node.dependencies()) {
          Node parent = in.producer();
          nodeDepth.put(parent, Math.max(depth + 1, nodeDepth.getOrDefault(parent, 0)));
        }
      }
      for (SymbolicTensor in : model.inputs()) {
        Layer l = in.producer().layer();
        if (!layerDepth.containsKey(l)) {
          layerDepth.put(l, 0);
          o.traversal.put(l, -1);
          seen.add(l);
        }
      }
      seen.sort(Comparator.<Layer>comparingInt(l -> -layerDepth.get(l))
          .thenComparingInt(o.traversal::get));
      return seen;
    }

    private void visit(SymbolicTensor tensor) {
      Node node = tensor.producer();
      if (finished.contains(node)) {
        return;
      }
      traversal.putIfAbsent(node.layer(), traversal.size());
      boolean isInput = node.layer() instanceof InputLayer
          || inputs.stream().anyMatch(t -> t == tensor);
      if (!isInput) {
        for (SymbolicTensor in : node.dependencies()) {
          visit(in);
        }
      }
      finished.add(node);
      decreasingDepth.add(node);
    }
  }
}
