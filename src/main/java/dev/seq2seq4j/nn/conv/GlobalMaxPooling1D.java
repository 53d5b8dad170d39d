package dev.seq2seq4j.nn.conv;

import dev.seq2seq4j.nn.LayerContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code GlobalMaxPooling1D(keepdims)}: the largest value over the steps. Keras 3.8 ignores
 * a Keras mask here (its {@code call} takes none), so padded steps take part in the max; so they
 * do here.
 */
public final class GlobalMaxPooling1D extends GlobalPooling1D {
  /**
   * Global max pooling.
   *
   * @param keepDims whether to keep the steps axis with size 1
   * @param name the layer name, or null for a default
   */
  public GlobalMaxPooling1D(boolean keepDims, String name) {
    super(keepDims, name);
  }

  @Override
  public String typeName() {
    return "GlobalMaxPooling1D";
  }

  @Override
  protected Operand<TFloat32> pool(LayerContext ctx, Operand<TFloat32> x, Operand<TBool> mask) {
    Ops tf = ctx.tf();
    return tf.max(x, stepsAxis(tf), Max.keepDims(keepDims()));
  }
}
