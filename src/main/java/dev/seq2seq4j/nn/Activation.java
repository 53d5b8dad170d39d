package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Keras {@code Activation(activation)}: applies an activation function element-wise. */
public final class Activation extends Layer {
  private final ActivationFunction function;

  /**
   * The layer.
   *
   * @param function the activation
   * @param name the layer name, or null for a default
   */
  public Activation(ActivationFunction function, String name) {
    super(name);
    this.function = function;
  }

  /**
   * The activation applied.
   *
   * @return the function
   */
  public ActivationFunction function() {
    return function;
  }

  @Override
  public String typeName() {
    return "Activation";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    return List.of(in.get(0).clone());
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    return List.of(function.apply(ctx.tf(), inputs.get(0)));
  }
}
