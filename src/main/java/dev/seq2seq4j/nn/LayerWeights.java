package dev.seq2seq4j.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The graph values of one layer's weights, as its {@link Layer#call} sees them: its own weights
 * by short name ({@code kernel}) and its children's by attribute name ({@code cell}, {@code
 * forward_layer}), so a wrapper hands each child exactly the child's weights.
 */
public final class LayerWeights {
  private static final LayerWeights NONE = new LayerWeights(Map.of(), Map.of());

  private final Map<String, Operand<TFloat32>> own;
  private final Map<String, LayerWeights> children;

  private LayerWeights(Map<String, Operand<TFloat32>> own, Map<String, LayerWeights> children) {
    this.own = own;
    this.children = children;
  }

  /**
   * A layer without weights.
   *
   * @return the empty set of weights
   */
  public static LayerWeights none() {
    return NONE;
  }

  /**
   * Builds the tree from weights keyed by their path inside the layer ({@code kernel}, {@code
   * cell/kernel}, {@code forward_layer/cell/bias}).
   *
   * @param byPath weight values by path
   * @return the tree
   */
  public static LayerWeights of(Map<String, ? extends Operand<TFloat32>> byPath) {
    Map<String, Operand<TFloat32>> own = new LinkedHashMap<>();
    Map<String, Map<String, Operand<TFloat32>>> nested = new LinkedHashMap<>();
    byPath.forEach((path, value) -> {
      int slash = path.indexOf('/');
      if (slash < 0) {
        own.put(path, value);
      } else {
        nested.computeIfAbsent(path.substring(0, slash), k -> new LinkedHashMap<>())
            .put(path.substring(slash + 1), value);
      }
    });
    Map<String, LayerWeights> children = new LinkedHashMap<>();
    nested.forEach((attr, sub) -> children.put(attr, of(sub)));
    return new LayerWeights(
        Collections.unmodifiableMap(own), Collections.unmodifiableMap(children));
  }

  /**
   * One of the layer's own weights.
   *
   * @param name its short name, e.g. {@code kernel}
   * @return its graph value
   * @throws IllegalStateException if the layer has no such weight (a bug in the layer)
   */
  public Operand<TFloat32> get(String name) {
    Operand<TFloat32> w = own.get(name);
    if (w == null) {
      throw new IllegalStateException("no weight '" + name + "'; weights: " + own.keySet());
    }
    return w;
  }

  /**
   * Whether the layer owns a weight of this name.
   *
   * @param name its short name
   * @return true if present
   */
  public boolean has(String name) {
    return own.containsKey(name);
  }

  /**
   * These weights plus a value derived from them (a slice of a kernel, a row of a bias), so a
   * layer computes it once per call rather than once per timestep.
   *
   * @param name the derived value's name
   * @param value its graph value
   * @return the extended weights
   */
  public LayerWeights with(String name, Operand<TFloat32> value) {
    Map<String, Operand<TFloat32>> more = new LinkedHashMap<>(own);
    more.put(name, value);
    return new LayerWeights(Collections.unmodifiableMap(more), children);
  }

  /**
   * The weights of a child layer.
   *
   * @param attribute the child's attribute name, e.g. {@code cell}
   * @return its weights (empty if it has none)
   */
  public LayerWeights child(String attribute) {
    return children.getOrDefault(attribute, NONE);
  }
}
