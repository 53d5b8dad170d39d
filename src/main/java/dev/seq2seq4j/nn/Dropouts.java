package dev.seq2seq4j.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's inverted dropout as graph ops: in training, keep each value with probability {@code 1
 * - rate} and scale the kept ones by {@code 1 / (1 - rate)}; in inference, pass everything
 * through. Masks come from stateless random ops seeded by {@link LayerContext#nextSeed()}, so
 * runs repeat exactly.
 */
public final class Dropouts {
  private Dropouts() {}

  /**
   * Dropout with an independent draw per value ({@code Dropout(rate)} without a noise shape).
   *
   * @param ctx the layer's context (training flag and seeds)
   * @param x the values
   * @param rate the fraction to drop, in (0, 1)
   * @return {@code x} with dropout applied in training, {@code x} unchanged otherwise
   */
  public static Operand<TFloat32> everyValue(LayerContext ctx, Operand<TFloat32> x, float rate) {
    Ops tf = ctx.tf();
    return apply(ctx, x, keepScale(ctx, tf.shape(x), rate));
  }

  /**
   * Dropout whose mask is the same at every timestep: {@code (batch, T, features)} values with a
   * {@code (batch, 1, features)} mask, as Keras's RNN input dropout and {@code
   * SpatialDropout1D} draw it.
   *
   * @param ctx the layer's context
   * @param x the sequence
   * @param rate the fraction to drop
   * @return the sequence with dropout applied in training
   */
  public static Operand<TFloat32> sameMaskEveryStep(
      LayerContext ctx, Operand<TFloat32> x, float rate) {
    Ops tf = ctx.tf();
    long features = x.shape().get(2);
    Operand<TInt32> shape = tf.concat(java.util.List.of(batchSize(tf, x),
        tf.constant(new int[] {1, (int) features})), tf.constant(0));
    return apply(ctx, x, keepScale(ctx, shape, rate));
  }

  /**
   * A {@code (batch, width)} multiplier that is a dropout mask in training and all ones in
   * inference (Keras's recurrent dropout mask, drawn once per sequence).
   *
   * @param ctx the layer's context
   * @param like a tensor whose first dimension is the batch
   * @param width the mask's width
   * @param rate the fraction to drop
   * @return the multiplier
   */
  public static Operand<TFloat32> trainingMask(
      LayerContext ctx, Operand<TFloat32> like, int width, float rate) {
    Ops tf = ctx.tf();
    Operand<TInt32> shape = tf.concat(java.util.List.of(batchSize(tf, like),
        tf.constant(new int[] {width})), tf.constant(0));
    Operand<TFloat32> mask = keepScale(ctx, shape, rate);
    return tf.select(ctx.training(), mask, tf.onesLike(mask));
  }

  private static Operand<TFloat32> apply(
      LayerContext ctx, Operand<TFloat32> x, Operand<TFloat32> mask) {
    Ops tf = ctx.tf();
    return tf.select(ctx.training(), tf.math.mul(x, mask), x);
  }

  /** 1 / (1 - rate) where a uniform draw is at least {@code rate}, 0 elsewhere. */
  private static Operand<TFloat32> keepScale(LayerContext ctx, Operand<TInt32> shape, float rate) {
    Ops tf = ctx.tf();
    Operand<TFloat32> u = tf.random.statelessRandomUniform(shape, ctx.nextSeed(), TFloat32.class);
    Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class);
    return tf.math.mul(keep, tf.constant(1f / (1f - rate)));
  }

  private static Operand<TInt32> batchSize(Ops tf, Operand<TFloat32> x) {
    return tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
  }
}
