package dev.seq2seq4j.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Graph reductions shared by losses and metrics. */
final class Reductions {
  private Reductions() {}

  /** The mean over every axis of {@code x} (Keras's "sum over batch size" reduction). */
  static Operand<TFloat32> meanOfAll(Ops tf, Operand<TFloat32> x) {
    int rank = x.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.math.mean(x, tf.constant(axes));
  }
}
