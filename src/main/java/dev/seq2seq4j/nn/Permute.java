package dev.seq2seq4j.nn;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Permute(dims)}: reorders the per-sample axes; {@code dims} numbers them from 1
 * (the batch stays first), e.g. {@code (2, 1)} swaps time and features.
 */
public final class Permute extends Layer {
  private final int[] dims;

  /**
   * The layer.
   *
   * @param dims a permutation of {@code 1..rank}
   * @param name the layer name, or null for a default
   */
  public Permute(int[] dims, String name) {
    super(name);
    int[] sorted = dims.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] != i + 1) {
        throw new IllegalArgumentException("Permute dims " + Arrays.toString(dims)
            + " must be a permutation of 1.." + dims.length);
      }
    }
    this.dims = dims.clone();
  }

  /**
   * The permutation.
   *
   * @return a copy of {@code dims}
   */
  public int[] dims() {
    return dims.clone();
  }

  @Override
  public String typeName() {
    return "Permute";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    if (s.length != dims.length) {
      throw new IllegalArgumentException(describe() + " permutes " + dims.length
          + " axes, but its input " + Shapes.withBatch(s) + " has " + s.length);
    }
    long[] out = new long[s.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = s[dims[i] - 1];
    }
    return List.of(out);
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    int[] perm = new int[dims.length + 1];
    for (int i = 0; i < dims.length; i++) {
      perm[i + 1] = dims[i];
    }
    return List.of(tf.linalg.transpose(inputs.get(0), tf.constant(perm)));
  }
}
