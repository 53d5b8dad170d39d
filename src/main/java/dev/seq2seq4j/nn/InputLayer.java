package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code InputLayer}: where a model's input enters. Create it with {@link #input(String,
 * long...)} (float32) or {@link #input(String, DType, long...)}, which return the symbolic tensor
 * to build a model on.
 */
public final class InputLayer extends Layer {
  private final long[] shape;
  private final DType dtype;
  private SymbolicTensor tensor;

  private InputLayer(String name, DType dtype, long[] shape) {
    super(name);
    Shapes.requireKnown("Input '" + name + "' shape", shape);
    if (shape.length == 0) {
      throw new IllegalArgumentException("Input '" + name + "' needs at least one dimension");
    }
    this.shape = shape.clone();
    this.dtype = dtype;
  }

  /**
   * A named float32 model input with the given per-sample shape, e.g. {@code input("input", 4,
   * 10)} for Keras's {@code Input(shape=(4, 10), name="input")}.
   *
   * @param name the input's name (names the model's feed)
   * @param shape the per-sample shape, every size known
   * @return the symbolic input
   */
  public static SymbolicTensor input(String name, long... shape) {
    return input(name, DType.FLOAT32, shape);
  }

  /**
   * A named model input of a given dtype, e.g. {@code input("tokens", DType.INT32, 12)} for
   * Keras's {@code Input(shape=(12,), dtype="int32", name="tokens")}.
   *
   * @param name the input's name (names the model's feed)
   * @param dtype its element type
   * @param shape the per-sample shape, every size known
   * @return the symbolic input
   */
  public static SymbolicTensor input(String name, DType dtype, long... shape) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("every Input needs a name (it names the model's feed)");
    }
    InputLayer layer = new InputLayer(name, dtype, shape);
    layer.tensor = new Node(layer, List.of(), List.of(), List.of(layer.shape), List.of(dtype)).outputs().get(0);
    return layer.tensor;
  }

  /**
   * The symbolic tensor this Input feeds into a model.
   *
   * @return the tensor {@link #input} returned
   */
  public SymbolicTensor tensor() {
    return tensor;
  }

  /**
   * The per-sample shape.
   *
   * @return a copy of the shape
   */
  public long[] shape() {
    return shape.clone();
  }

  /**
   * The element type fed to this input.
   *
   * @return the dtype
   */
  public DType dtype() {
    return dtype;
  }

  @Override
  public String typeName() {
    return "InputLayer";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    return List.of(shape.clone());
  }

  @Override
  public DType outputDtype(int output, List<DType> inputDtypes) {
    return dtype;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    throw new UnsupportedOperationException("an InputLayer is fed, not called");
  }
}
