package dev.seq2seq4j.nn.norm;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Mean and (biased) variance over some axes, computed as Keras 3 computes them on TensorFlow:
 * {@code tf.nn.moments} without a mask, Keras's own weighted sums with one.
 *
 * @param mean the mean
 * @param variance the variance, {@code mean((x - mean)^2)}
 */
record Moments(Operand<TFloat32> mean, Operand<TFloat32> variance) {
  /** Keras's {@code backend.epsilon()}, which keeps an all-padding batch from dividing by 0. */
  private static final float KERAS_EPSILON = 1e-7f;

  /**
   * {@code tf.nn.moments(x, axes, keepdims)}: the variance measures the distance to a
   * stop-gradient copy of the mean, as TensorFlow does (the gradient is the same, the graph
   * smaller).
   *
   * @param tf the ops builder
   * @param x the values
   * @param axes the axes to reduce
   * @param keepDims whether reduced axes stay with size 1
   * @return the moments
   */
  static Moments of(Ops tf, Operand<TFloat32> x, int[] axes, boolean keepDims) {
    Operand<TInt32> ax = tf.constant(axes);
    Operand<TFloat32> mean = tf.math.mean(x, ax, Mean.keepDims(true));
    Operand<TFloat32> variance =
        tf.math.mean(tf.math.squaredDifference(x, tf.stopGradient(mean)), ax, Mean.keepDims(true));
    if (!keepDims) {
      mean = tf.squeeze(mean);
      variance = tf.squeeze(variance);
    }
    return new Moments(mean, variance);
  }

  /**
   * Keras 3.8's {@code BatchNormalization._moments} with a mask: only the real steps count,
   * {@code mean = sum(w x) / (sum(w) + 1e-7)} and {@code var = sum(w (w x - mean)^2) / (sum(w)
   * + 1e-7)} with {@code w} the mask as 0/1 over every axis but the last; the results are
   * squeezed to {@code (channels,)}.
   *
   * @param tf the ops builder
   * @param x {@code (None, steps, channels)}
   * @param mask {@code (None, steps)}, true where a step is real
   * @param axes every axis but the last
   * @return the moments, of shape {@code (channels,)}
   */
  static Moments masked(Ops tf, Operand<TFloat32> x, Operand<TBool> mask, int[] axes) {
    Operand<TInt32> ax = tf.constant(axes);
    Operand<TFloat32> w = tf.expandDims(tf.dtypes.cast(mask, TFloat32.class), tf.constant(-1));
    Operand<TFloat32> weighted = tf.math.mul(w, x);
    Operand<TFloat32> count =
        tf.math.add(tf.sum(w, ax, Sum.keepDims(true)), tf.constant(KERAS_EPSILON));
    Operand<TFloat32> mean = tf.math.div(tf.sum(weighted, ax, Sum.keepDims(true)), count);
    Operand<TFloat32> squares = tf.math.square(tf.math.sub(weighted, mean));
    Operand<TFloat32> variance =
        tf.math.div(tf.sum(tf.math.mul(w, squares), ax, Sum.keepDims(true)), count);
    return new Moments(tf.squeeze(mean), tf.squeeze(variance));
  }

  /**
   * {@code tf.nn.batch_normalization}'s arithmetic, which Keras's BatchNormalization and
   * LayerNormalization both use: {@code x * inv + (beta - mean * inv)} with {@code inv =
   * rsqrt(variance + epsilon) * gamma}.
   *
   * @param tf the ops builder
   * @param x the values
   * @param epsilon added to the variance
   * @param gamma the scale, or null
   * @param beta the offset, or null
   * @return the normalised values
   */
  Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> x, float epsilon,
      Operand<TFloat32> gamma, Operand<TFloat32> beta) {
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon)));
    if (gamma != null) {
      inv = tf.math.mul(inv, gamma);
    }
    Operand<TFloat32> shift = tf.math.mul(mean, inv);
    Operand<TFloat32> offset = beta == null ? tf.math.neg(shift) : tf.math.sub(beta, shift);
    return tf.math.add(tf.math.mul(x, inv), offset);
  }
}
