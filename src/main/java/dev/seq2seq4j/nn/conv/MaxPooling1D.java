package dev.seq2seq4j.nn.conv;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code MaxPooling1D(pool_size, strides, padding)}: the largest value of each channel in
 * each window; with {@code same} padding the padded positions never win.
 */
public final class MaxPooling1D extends Pooling1D {
  /**
   * Max pooling.
   *
   * @param poolSize the window length
   * @param strides the step between windows (Keras's default is {@code poolSize})
   * @param padding valid or same
   * @param name the layer name, or null for a default
   */
  public MaxPooling1D(int poolSize, int strides, Padding padding, String name) {
    super(poolSize, strides, padding, name);
  }

  @Override
  public String typeName() {
    return "MaxPooling1D";
  }

  @Override
  protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> image, List<Long> window,
      List<Long> strides, String padding) {
    return tf.nn.maxPool(image, tf.constant(toInts(window)), tf.constant(toInts(strides)), padding);
  }

  private static int[] toInts(List<Long> values) {
    return values.stream().mapToInt(Long::intValue).toArray();
  }
}
