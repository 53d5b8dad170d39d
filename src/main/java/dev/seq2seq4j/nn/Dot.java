package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Dot(axes, normalize)}: the dot product of two inputs per sample along one axis of
 * each, as Keras's {@code batch_dot} computes it, for inputs of shape {@code (None, d)} or {@code
 * (None, n, d)}. Axes count the batch as 0; one int means the same axis of both inputs (a
 * negative one counts from each input's end). For two sequences {@code (None, n, d)} and {@code
 * (None, m, d)} with {@code axes=(2, 2)} the result is {@code (None, n, m)}, {@code x · yᵀ} per
 * sample; two vectors give {@code (None, 1)}. With {@code normalize} each input is first
 * L2-normalised along its axis ({@code x * min(rsqrt(sum(x²)), 1e7)}, Keras's formula), so the
 * result is a cosine similarity. The output carries no Keras mask, as in Keras.
 */
public final class Dot extends Layer {
  /** Keras's {@code 1 / backend.epsilon()}, the cap on the inverse norm of a zero vector. */
  private static final float MAX_INVERSE_NORM = 1e7f;

  private final int[] axes;
  private final boolean normalize;

  /**
   * A Dot layer along the same axis of both inputs.
   *
   * @param axis the axis, counting the batch as 0 (not 0 itself); negative counts from the end
   * @param normalize whether to L2-normalise the inputs first
   * @param name the layer name, or null for a default
   */
  public Dot(int axis, boolean normalize, String name) {
    this(new int[] {axis}, normalize, name);
  }

  /**
   * A Dot layer along one axis of each input.
   *
   * @param axis0 the first input's axis, counting the batch as 0
   * @param axis1 the second input's axis
   * @param normalize whether to L2-normalise the inputs first
   * @param name the layer name, or null for a default
   */
  public Dot(int axis0, int axis1, boolean normalize, String name) {
    this(new int[] {axis0, axis1}, normalize, name);
  }

  private Dot(int[] axes, boolean normalize, String name) {
    super(name);
    this.axes = axes;
    this.normalize = normalize;
  }

  /**
   * The axes as configured: one (the same for both inputs) or two.
   *
   * @return a copy of {@code axes}
   */
  public int[] axes() {
    return axes.clone();
  }

  /**
   * Whether the inputs are L2-normalised first.
   *
   * @return {@code normalize}
   */
  public boolean normalize() {
    return normalize;
  }

  @Override
  public String typeName() {
    return "Dot";
  }

  /** The summed axis of input {@code i} of this rank (with the batch), as Keras resolves it. */
  private int axisOf(int i, int rankWithBatch) {
    int a = axes.length == 1 ? axes[0] : axes[i];
    return a < 0 ? Math.floorMod(a, rankWithBatch) : a;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 2);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      long[] s = in.get(i);
      if (s.length < 1 || s.length > 2) {
        throw new IllegalArgumentException(describe() + " takes inputs of shape (None, d) or "
            + "(None, n, d), got " + Shapes.withBatch(s));
      }
      Shapes.requireKnown(describe() + " input", s);
      int a = axisOf(i, s.length + 1);
      if (a < 1 || a > s.length) {
        throw new IllegalArgumentException(describe() + " cannot sum axis " + a + " of "
            + Shapes.withBatch(s) + " (axis 0 is the batch)");
      }
      for (int d = 0; d < s.length; d++) {
        if (d != a - 1) {
          out.add(s[d]);
        }
      }
    }
    long d0 = in.get(0)[axisOf(0, in.get(0).length + 1) - 1];
    long d1 = in.get(1)[axisOf(1, in.get(1).length + 1) - 1];
    if (d0 != d1) {
      throw new IllegalArgumentException(describe() + " sums axes of different sizes: "
          + Shapes.withBatch(in.get(0)) + " and " + Shapes.withBatch(in.get(1)) + " along "
          + Arrays.toString(axes));
    }
    if (out.isEmpty()) {
      out.add(1L);
    }
    return List.of(out.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    Operand<TFloat32> y = inputs.get(1);
    int xRank = x.shape().numDimensions();
    int yRank = y.shape().numDimensions();
    int xAxis = axisOf(0, xRank);
    int yAxis = axisOf(1, yRank);
    if (normalize) {
      x = l2Normalize(tf, x, xAxis);
      y = l2Normalize(tf, y, yAxis);
    }
    // batch_dot: vectors become (None, 1, d) and (None, d, 1); then one batched matmul whose
    // summed axes are x's last and y's first, transposing an input whose axis is elsewhere.
    boolean adjX = false;
    boolean adjY = false;
    if (xRank == 2) {
      x = tf.expandDims(x, tf.constant(1));
    } else {
      adjX = xAxis == 1;
    }
    if (yRank == 2) {
      y = tf.expandDims(y, tf.constant(2));
    } else {
      adjY = yAxis == 2;
    }
    Operand<TFloat32> out = tf.train.batchMatMul(x, y, TFloat32.class,
        BatchMatMul.adjX(adjX), BatchMatMul.adjY(adjY));
    if (xRank == 2) {
      out = tf.squeeze(out, Squeeze.axis(List.of(1L)));
    } else if (yRank == 2) {
      out = tf.squeeze(out, Squeeze.axis(List.of(-1L)));
    }
    return List.of(out);
  }

  /** Keras's {@code ops.normalize(x, axis, order=2)}: {@code x * min(rsqrt(sum(x²)), 1e7)}. */
  private static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x, int axis) {
    Operand<TFloat32> squares = tf.sum(tf.math.square(x), tf.constant(axis), Sum.keepDims(true));
    Operand<TFloat32> inverse =
        tf.math.minimum(tf.math.rsqrt(squares), tf.constant(MAX_INVERSE_NORM));
    return tf.math.mul(x, inverse);
  }
}
