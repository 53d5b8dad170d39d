package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras-equivalent layer: configured in its constructor, built (weights described) the first
 * time it is applied to symbolic inputs, and turned into TensorFlow graph ops by {@link #call}.
 *
 * <p>A layer applied twice shares its weights, as in Keras; the second application must need
 * weights of the same shapes.
 */
public abstract class Layer {
  private String name;
  private List<WeightSpec> weights;

  /**
   * @param name the layer's name, or {@code null} to get a Keras-style default ({@code lstm},
   *     {@code lstm_1}, ...) when a model is made from it
   */
  protected Layer(String name) {
    if (name != null && !name.matches("[A-Za-z][A-Za-z0-9_.\\-]*")) {
      throw new IllegalArgumentException(
          "invalid layer name '" + name + "': use letters, digits, '_', '.', '-', starting with a letter");
    }
    this.name = name;
  }

  /** The layer's name, or {@code null} before a model has named it. */
  public final String name() {
    return name;
  }

  /** The Keras class name, e.g. {@code LSTM}, as shown in a summary. */
  public abstract String typeName();

  /** The snake-case prefix Keras gives unnamed layers of this type, e.g. {@code repeat_vector}. */
  public String defaultNamePrefix() {
    return typeName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  final void assignNameIfMissing(String defaultName) {
    if (name == null) {
      name = defaultName;
    }
  }

  /**
   * Applies the layer and returns all its outputs.
   *
   * @throws IllegalArgumentException if the inputs' count or shapes do not fit this layer
   */
  public final List<SymbolicTensor> applyAll(SymbolicTensor... inputs) {
    List<SymbolicTensor> in = Arrays.asList(inputs);
    for (SymbolicTensor t : in) {
      Objects.requireNonNull(t, "input of " + describe());
    }
    List<long[]> shapes = new ArrayList<>();
    for (SymbolicTensor t : in) {
      shapes.add(t.shape());
    }
    List<long[]> outShapes = outputShapes(shapes);
    List<WeightSpec> specs = weightSpecs(shapes);
    if (weights == null) {
      weights = List.copyOf(specs);
    } else {
      requireSameWeights(specs);
    }
    return new Node(this, in, outShapes).outputs();
  }

  /**
   * Applies the layer and returns its only output.
   *
   * @throws IllegalStateException if the layer has several outputs (use {@link #applyAll})
   */
  public final SymbolicTensor apply(SymbolicTensor... inputs) {
    List<SymbolicTensor> outs = applyAll(inputs);
    if (outs.size() != 1) {
      throw new IllegalStateException(
          describe() + " has " + outs.size() + " outputs; use applyAll(...) to get them all");
    }
    return outs.get(0);
  }

  private void requireSameWeights(List<WeightSpec> specs) {
    boolean same = specs.size() == weights.size();
    for (int i = 0; same && i < specs.size(); i++) {
      same = Arrays.equals(specs.get(i).shape(), weights.get(i).shape());
    }
    if (!same) {
      throw new IllegalArgumentException(
          describe() + " is already built with weights " + weights
              + "; applying it again would need " + specs);
    }
  }

  /** The weights this layer owns, in Keras order; empty before the layer is first applied. */
  public final List<WeightSpec> weights() {
    return weights == null ? List.of() : weights;
  }

  /** The number of scalars in this layer's weights (the summary's "Param #"). */
  public final long parameterCount() {
    long n = 0;
    for (WeightSpec w : weights()) {
      n += w.size();
    }
    return n;
  }

  /** Validates the input shapes and returns the per-sample output shapes. */
  protected abstract List<long[]> outputShapes(List<long[]> inputShapes);

  /** The weights this layer needs for inputs of these shapes (none by default). */
  protected List<WeightSpec> weightSpecs(List<long[]> inputShapes) {
    return List.of();
  }

  /**
   * Emits the layer's computation as graph ops.
   *
   * @param inputs batched inputs in the order they were applied
   * @param weights this layer's weights by short name ({@code kernel}, ...)
   * @return batched outputs in the order of {@link #outputShapes}
   */
  public abstract List<Operand<TFloat32>> call(
      Ops tf, List<Operand<TFloat32>> inputs, Map<String, Operand<TFloat32>> weights);

  /** The layer's configuration with Keras's key names, for summaries and exports. */
  public Map<String, Object> config() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    return c;
  }

  /** A short description for error messages: {@code LSTM 'lstm_1'}. */
  protected final String describe() {
    return typeName() + (name == null ? "" : " '" + name + "'");
  }

  /** Throws unless exactly {@code n} inputs were given. */
  protected final void requireInputCount(List<long[]> inputShapes, int n) {
    if (inputShapes.size() != n) {
      throw new IllegalArgumentException(
          describe() + " takes " + n + " input(s), got " + inputShapes.size());
    }
  }
}
