package dev.seq2seq4j.nn.conv;

import dev.seq2seq4j.nn.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code GlobalAveragePooling1D(keepdims)}: the mean over the steps. With a Keras mask it
 * averages the real steps only ({@code sum(x * mask) / sum(mask)}), as Keras does; a row
 * without real steps gives NaN there too.
 */
public final class GlobalAveragePooling1D extends GlobalPooling1D {
  /**
   * Global average pooling.
   *
   * @param keepDims whether to keep the steps axis with size 1
   * @param name the layer name, or null for a default
   */
  public GlobalAveragePooling1D(boolean keepDims, String name) {
    super(keepDims, name);
  }

  @Override
  public String typeName() {
    return "GlobalAveragePooling1D";
  }

  @Override
  protected Operand<TFloat32> pool(LayerContext ctx, Operand<TFloat32> x, Operand<TBool> mask) {
    Ops tf = ctx.tf();
    if (mask == null) {
      return tf.math.mean(x, stepsAxis(tf), Mean.keepDims(keepDims()));
    }
    Operand<TFloat32> weights =
        tf.expandDims(tf.dtypes.cast(mask, TFloat32.class), tf.constant(2));
    Operand<TFloat32> sum =
        tf.sum(tf.math.mul(x, weights), stepsAxis(tf), Sum.keepDims(keepDims()));
    return tf.math.div(sum, tf.sum(weights, stepsAxis(tf), Sum.keepDims(keepDims())));
  }
}
