package dev.seq2seq4j.nn;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code InputLayer}: where a model's input enters. Create it with {@link #input(String,
 * long...)}, which returns the symbolic tensor to build a model on.
 */
public final class InputLayer extends Layer {
  private final long[] shape;

  private InputLayer(String name, long[] shape) {
    super(name);
    Shapes.requireKnown("Input '" + name + "' shape", shape);
    if (shape.length == 0) {
      throw new IllegalArgumentException("Input '" + name + "' needs at least one dimension");
    }
    this.shape = shape.clone();
  }

  /**
   * A named model input with the given per-sample shape, e.g. {@code input("input", 4, 10)} for
   * Keras's {@code Input(shape=(4, 10), name="input")}.
   */
  public static SymbolicTensor input(String name, long... shape) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("every Input needs a name (it names the model's feed)");
    }
    InputLayer layer = new InputLayer(name, shape);
    return new Node(layer, List.of(), List.of(layer.shape)).outputs().get(0);
  }

  /** The per-sample shape. */
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public String typeName() {
    return "InputLayer";
  }

  @Override
  protected List<long[]> outputShapes(List<long[]> in) {
    return List.of(shape.clone());
  }

  @Override
  public List<Operand<TFloat32>> call(
      Ops tf, List<Operand<TFloat32>> inputs, Map<String, Operand<TFloat32>> weights) {
    throw new UnsupportedOperationException("an InputLayer is fed, not called");
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> c = super.config();
    c.put("batch_shape", java.util.Arrays.stream(Shapes.batched(shape)).boxed().toList());
    return c;
  }
}
