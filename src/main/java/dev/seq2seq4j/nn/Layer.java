package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A Keras-equivalent layer: configured in its constructor, built (weights described) the first
 * time it is applied to symbolic inputs, and turned into TensorFlow graph ops by {@link #call}.
 *
 * <p>A layer may own child layers under Keras's attribute names ({@code cell} of an RNN, {@code
 * layer} of TimeDistributed, {@code forward_layer} of Bidirectional); their weights are named by
 * path, e.g. {@code lstm/cell/kernel}, as Keras's {@code .keras} files name them. A layer
 * applied twice shares its weights, as in Keras; the second application must need weights of
 * the same shapes.
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

  /**
   * The layer's name.
   *
   * @return the name, or {@code null} before a model has named it
   */
  public final String name() {
    return name;
  }

  /**
   * The Keras class name, e.g. {@code LSTM}, as shown in a summary.
   *
   * @return the class name
   */
  public abstract String typeName();

  /**
   * The snake-case prefix Keras gives unnamed layers of this type.
   *
   * @return e.g. {@code repeat_vector}, {@code simple_rnn}, {@code conv1d}
   */
  public String defaultNamePrefix() {
    return snakeCase(typeName());
  }

  /**
   * Keras's {@code naming.to_snake_case}: how Keras turns a class name into default layer names
   * and into the keys of a {@code .keras} weights file.
   *
   * @param className e.g. {@code SimpleRNN}
   * @return e.g. {@code simple_rnn}
   */
  public static String snakeCase(String className) {
    String s = className.replaceAll("\\W+", "");
    s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  final void assignNameIfMissing(String defaultName) {
    if (name == null) {
      name = defaultName;
    }
  }

  /**
   * Applies the layer and returns all its outputs.
   *
   * @param inputs the symbolic inputs, in the layer's order
   * @return the outputs
   * @throws IllegalArgumentException if the inputs' count or shapes do not fit this layer
   */
  public final List<SymbolicTensor> applyAll(SymbolicTensor... inputs) {
    return applyWithMasks(Arrays.asList(inputs), Collections.nCopies(inputs.length, null));
  }

  /**
   * Applies the layer with masks passed explicitly (Keras's {@code layer(x, mask=m)}), which
   * replace the masks the inputs carry.
   *
   * @param in the symbolic inputs, in the layer's order
   * @param masks one per input: a boolean {@code (None, T)} tensor, or {@code null} to keep the
   *     input's own mask
   * @return the outputs
   * @throws IllegalArgumentException if the inputs do not fit this layer or a mask is not boolean
   */
  public final List<SymbolicTensor> applyWithMasks(List<SymbolicTensor> in,
      List<SymbolicTensor> masks) {
    for (SymbolicTensor t : in) {
      Objects.requireNonNull(t, "input of " + describe());
    }
    if (masks.size() != in.size()) {
      throw new IllegalArgumentException(describe() + " got " + masks.size() + " masks for "
          + in.size() + " inputs");
    }
    for (SymbolicTensor m : masks) {
      if (m != null && m.dtype() != DType.BOOL) {
        throw new IllegalArgumentException(describe() + " was given a mask of dtype "
            + m.dtype().kerasName() + "; masks are boolean");
      }
    }
    List<long[]> shapes = new ArrayList<>();
    List<DType> dtypes = new ArrayList<>();
    for (SymbolicTensor t : in) {
      shapes.add(t.shape());
      dtypes.add(t.dtype());
    }
    List<long[]> outShapes = outputShapes(shapes);
    build(shapes);
    List<DType> outTypes = new ArrayList<>();
    for (int i = 0; i < outShapes.size(); i++) {
      outTypes.add(outputDtype(i, dtypes));
    }
    return new Node(this, in, masks, outShapes, outTypes).outputs();
  }

  /**
   * Applies the layer and returns its only output.
   *
   * @param inputs the symbolic inputs
   * @return the output
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

  /**
   * Describes this layer's weights (and its children's) for inputs of these shapes, the first
   * time; afterwards checks that the shapes need the same weights. A wrapper calls it on its
   * children with the shapes it will give them.
   *
   * @param inputShapes per-sample input shapes
   * @throws IllegalArgumentException if the layer is built already with other weights
   */
  public final void build(List<long[]> inputShapes) {
    List<WeightSpec> specs = weightSpecs(inputShapes);
    if (weights == null) {
      weights = List.copyOf(specs);
    } else {
      boolean same = specs.size() == weights.size();
      for (int i = 0; same && i < specs.size(); i++) {
        same = Arrays.equals(specs.get(i).shape(), weights.get(i).shape());
      }
      if (!same) {
        throw new IllegalArgumentException(describe() + " is already built with weights "
            + weights + "; applying it again would need " + specs);
      }
    }
    buildChildren(inputShapes);
  }

  /**
   * Builds the child layers for this layer's input shapes (nothing by default).
   *
   * @param inputShapes this layer's per-sample input shapes
   */
  protected void buildChildren(List<long[]> inputShapes) {}

  /**
   * The child layers, by the attribute name Keras gives them ({@code cell}, {@code layer},
   * {@code forward_layer}, {@code backward_layer}), in weight order.
   *
   * @return the children (none by default)
   */
  public Map<String, Layer> children() {
    return Map.of();
  }

  /**
   * Whether the layer has been built (applied at least once, or built by its parent).
   *
   * @return true once its weights are known
   */
  public final boolean isBuilt() {
    return weights != null;
  }

  /**
   * The weights this layer owns itself, in Keras order; empty before the layer is built.
   *
   * @return the layer's own weights (children's are in {@link #weightTree()})
   */
  public final List<WeightSpec> weights() {
    return weights == null ? List.of() : weights;
  }

  /**
   * Every weight of this layer and its children, by path inside the layer ({@code kernel},
   * {@code cell/kernel}, {@code forward_layer/cell/bias}): its own first, then each child's in
   * {@link #children()} order.
   *
   * @return the weights by path, in Keras order
   */
  public final Map<String, WeightSpec> weightTree() {
    Map<String, WeightSpec> tree = new LinkedHashMap<>();
    for (WeightSpec w : weights()) {
      tree.put(w.name(), w);
    }
    for (Map.Entry<String, Layer> c : children().entrySet()) {
      c.getValue().weightTree().forEach((path, spec) -> tree.put(c.getKey() + "/" + path, spec));
    }
    return Collections.unmodifiableMap(tree);
  }

  /**
   * The number of scalars in this layer's weights and its children's (the summary's "Param
   * #").
   *
   * @return the parameter count
   */
  public final long parameterCount() {
    long n = 0;
    for (WeightSpec w : weightTree().values()) {
      n = Shapes.saturatedSum(n, w.size());
    }
    return n;
  }

  /**
   * Validates the input shapes and returns the per-sample output shapes.
   *
   * @param inputShapes per-sample input shapes, in input order
   * @return the output shapes, in output order
   * @throws IllegalArgumentException naming the layer if the inputs do not fit it
   */
  public abstract List<long[]> outputShapes(List<long[]> inputShapes);

  /**
   * The weights this layer itself needs for inputs of these shapes.
   *
   * @param inputShapes per-sample input shapes
   * @return the weights in Keras order (none by default)
   */
  public List<WeightSpec> weightSpecs(List<long[]> inputShapes) {
    return List.of();
  }

  /**
   * The dtype of one output (float32 by default: every layer but InputLayer computes floats).
   *
   * @param output the output's position
   * @param inputDtypes the inputs' dtypes
   * @return the output's dtype
   */
  public DType outputDtype(int output, List<DType> inputDtypes) {
    return DType.FLOAT32;
  }

  /**
   * Emits the layer's computation as graph ops.
   *
   * @param ctx the ops builder, training flag, seeds and the inputs' masks and dtypes
   * @param inputs batched inputs in the order they were applied
   * @param weights this layer's weights and its children's
   * @return batched outputs in the order of {@link #outputShapes}
   */
  public abstract List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights);

  /**
   * Whether the layer passes its first input's Keras mask on to its outputs (Keras's {@code
   * supports_masking}); layers that do not drop the mask.
   *
   * @return false by default
   */
  public boolean supportsMasking() {
    return false;
  }

  /**
   * The Keras masks of the outputs, after {@link #call}: by default the first input's mask for
   * every output if the layer {@link #supportsMasking() supports masking}, otherwise none.
   *
   * @param ctx the context {@link #call} saw (its masks are the inputs')
   * @param inputs the batched inputs
   * @param outputs what {@link #call} returned
   * @return one entry per output, {@code null} for no mask
   */
  public List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    Operand<TBool> mask = supportsMasking() ? ctx.mask(0) : null;
    return Collections.nCopies(outputs.size(), mask);
  }

  /**
   * A short description for error messages.
   *
   * @return e.g. {@code LSTM 'lstm_1'}
   */
  public final String describe() {
    return typeName() + (name == null ? "" : " '" + name + "'");
  }

  /**
   * Throws unless exactly {@code n} inputs were given.
   *
   * @param inputShapes the inputs' shapes
   * @param n the count this layer takes
   */
  protected final void requireInputCount(List<long[]> inputShapes, int n) {
    if (inputShapes.size() != n) {
      throw new IllegalArgumentException(
          describe() + " takes " + n + " input(s), got " + inputShapes.size());
    }
  }
}
