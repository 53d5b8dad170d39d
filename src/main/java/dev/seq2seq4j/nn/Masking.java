package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceAny;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Masking(mask_value)}: a step is padding when every feature equals {@code
 * mask_value}. The output is the input with padding steps zeroed, {@code x * any(x != mask_value,
 * -1)}, and carries the Keras mask {@code any(x != mask_value, -1)}, {@code (None, steps)}, for
 * the recurrent layers that follow.
 */
public final class Masking extends Layer {
  private final float maskValue;

  /**
   * A Masking layer.
   *
   * @param maskValue the value that marks padding (Keras's default is 0)
   * @param name the layer name, or null for a default
   */
  public Masking(float maskValue, String name) {
    super(name);
    this.maskValue = maskValue;
  }

  /**
   * The value that marks padding.
   *
   * @return {@code mask_value}
   */
  public float maskValue() {
    return maskValue;
  }

  @Override
  public String typeName() {
    return "Masking";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    Shapes.requireRank(describe(), in.get(0), 2, "a sequence of shape (None, steps, features)");
    return List.of(in.get(0).clone());
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    Operand<TFloat32> keep = tf.dtypes.cast(realSteps(tf, x, true), TFloat32.class);
    return List.of(tf.math.mul(x, keep));
  }

  @Override
  public List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    return List.of(realSteps(ctx.tf(), inputs.get(0), false));
  }

  /** {@code any(x != mask_value)} over the features: true where a step is real. */
  private Operand<TBool> realSteps(Ops tf, Operand<TFloat32> x, boolean keepDims) {
    return tf.reduceAny(tf.math.notEqual(x, tf.constant(maskValue)), tf.constant(-1),
        ReduceAny.keepDims(keepDims));
  }
}
