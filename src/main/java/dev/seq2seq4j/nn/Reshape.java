package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Reshape(target_shape)}: reshapes each sample, keeping the batch dimension; one
 * size may be {@code -1}, inferred from the input as Keras does.
 */
public final class Reshape extends Layer {
  private final long[] targetShape;

  /**
   * Reshapes each sample to {@code targetShape}.
   *
   * @param targetShape the per-sample shape, at most one size -1
   */
  public Reshape(long... targetShape) {
    this(null, targetShape);
  }

  /**
   * Reshapes each sample to {@code targetShape}; {@code name} may be null for a default.
   *
   * @param name the layer name
   * @param targetShape the per-sample shape, at most one size -1
   */
  public Reshape(String name, long... targetShape) {
    super(name);
    int unknown = 0;
    for (long d : targetShape) {
      if (d == -1) {
        unknown++;
      } else if (d <= 0) {
        throw new IllegalArgumentException("Reshape target shape " + java.util.Arrays.toString(
            targetShape) + " has a size that is neither positive nor -1");
      }
    }
    if (unknown > 1 || targetShape.length == 0) {
      throw new IllegalArgumentException("Reshape target shape " + java.util.Arrays.toString(
          targetShape) + " needs at least one size and at most one -1");
    }
    this.targetShape = targetShape.clone();
  }

  /**
   * The target shape as configured.
   *
   * @return a copy, with -1 where the size is inferred
   */
  public long[] targetShape() {
    return targetShape.clone();
  }

  @Override
  public String typeName() {
    return "Reshape";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long size = Shapes.size(in.get(0));
    long known = 1;
    int unknownAt = -1;
    for (int i = 0; i < targetShape.length; i++) {
      if (targetShape[i] == -1) {
        unknownAt = i;
      } else {
        known *= targetShape[i];
      }
    }
    long[] out = targetShape.clone();
    if (unknownAt >= 0 && known > 0 && size % known == 0) {
      out[unknownAt] = size / known;
    }
    if (unknownAt >= 0 && out[unknownAt] == -1 || Shapes.size(out) != size) {
      throw new IllegalArgumentException(describe() + " cannot reshape " + Shapes.withBatch(in.get(0))
          + " to " + Shapes.withBatch(targetShape) + ": sizes differ");
    }
    return List.of(out);
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    return List.of(tf.reshape(inputs.get(0), tf.constant(Shapes.batched(targetShape))));
  }
}
