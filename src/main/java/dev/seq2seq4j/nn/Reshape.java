package dev.seq2seq4j.nn;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code Reshape(target_shape)}: reshapes each sample, keeping the batch dimension. */
public final class Reshape extends Layer {
  private final long[] targetShape;

  /** Reshapes each sample to {@code targetShape} (all dimensions known). */
  public Reshape(long... targetShape) {
    this(null, targetShape);
  }

  /** Reshapes each sample to {@code targetShape}; {@code name} may be null for a default. */
  public Reshape(String name, long... targetShape) {
    super(name);
    Shapes.requireKnown("Reshape target shape", targetShape);
    this.targetShape = targetShape.clone();
  }

  @Override
  public String typeName() {
    return "Reshape";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    if (Shapes.size(in.get(0)) != Shapes.size(targetShape)) {
      throw new IllegalArgumentException(
          describe() + " cannot reshape " + Shapes.withBatch(in.get(0)) + " to "
              + Shapes.withBatch(targetShape) + ": sizes differ");
    }
    return List.of(targetShape.clone());
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    return List.of(tf.reshape(inputs.get(0), tf.constant(Shapes.batched(targetShape))));
  }

}
