package dev.seq2seq4j.nn.conv;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code AveragePooling1D(pool_size, strides, padding)}: the mean of each channel in each
 * window; with {@code same} padding a window at an end is divided by the number of real steps
 * it covers, not by {@code pool_size}, as TensorFlow's {@code AvgPool} does.
 */
public final class AveragePooling1D extends Pooling1D {
  /**
   * Average pooling.
   *
   * @param poolSize the window length
   * @param strides the step between windows (Keras's default is {@code poolSize})
   * @param padding valid or same
   * @param name the layer name, or null for a default
   */
  public AveragePooling1D(int poolSize, int strides, Padding padding, String name) {
    super(poolSize, strides, padding, name);
  }

  @Override
  public String typeName() {
    return "AveragePooling1D";
  }

  @Override
  protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> image, List<Long> window,
      List<Long> strides, String padding) {
    return tf.nn.avgPool(image, window, strides, padding);
  }
}
