package dev.seq2seq4j.nn;

import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Concatenate(axis)}: inputs alike but for their size along {@code axis}, which
 * counts the batch as axis 0 and defaults to the last axis ({@code -1}).
 */
public final class Concatenate extends Layer {
  private final int axis;

  /** Concatenation along the last axis with a default name. */
  public Concatenate() {
    this(null);
  }

  /**
   * Concatenation along the last axis.
   *
   * @param name the layer name, or null for a default
   */
  public Concatenate(String name) {
    this(-1, name);
  }

  /**
   * Concatenation along {@code axis}.
   *
   * @param axis Keras's axis: 0 is the batch (not allowed), negative counts from the end
   * @param name the layer name, or null for a default
   */
  public Concatenate(int axis, String name) {
    super(name);
    if (axis == 0) {
      throw new IllegalArgumentException("Concatenate cannot join along the batch axis 0");
    }
    this.axis = axis;
  }

  /**
   * The axis as configured (batch = 0).
   *
   * @return the axis
   */
  public int axis() {
    return axis;
  }

  @Override
  public String typeName() {
    return "Concatenate";
  }

  /** The axis within a per-sample shape of this rank. */
  private int sampleAxis(int rank) {
    int a = axis < 0 ? rank + axis : axis - 1;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException(describe() + ": axis " + axis + " does not exist in "
          + "inputs of rank " + (rank + 1));
    }
    return a;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    if (in.size() < 2) {
      throw new IllegalArgumentException(describe() + " needs at least two inputs, got " + in.size());
    }
    long[] first = in.get(0);
    int a = sampleAxis(first.length);
    long[] out = first.clone();
    out[a] = 0;
    for (long[] s : in) {
      boolean same = s.length == first.length;
      for (int i = 0; same && i < s.length; i++) {
        same = i == a || s[i] == first[i];
      }
      if (!same) {
        throw new IllegalArgumentException(describe() + " needs inputs alike but for axis " + axis
            + ", got " + Shapes.withBatch(first) + " and " + Shapes.withBatch(s));
      }
      out[a] += s[a];
    }
    return List.of(out);
  }

  @Override
  public List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    return Collections.singletonList(Masks.all(ctx.tf(), ctx.masks()));
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    int rank = inputs.get(0).shape().numDimensions();
    return List.of(tf.concat(inputs, tf.constant(1 + sampleAxis(rank - 1))));
  }
}
