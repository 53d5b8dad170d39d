package dev.seq2seq4j.nn.rnn;

/**
 * How a recurrent layer is turned into graph ops. The choice changes speed and float32 rounding,
 * never the model: weights, shapes and Keras semantics are the same either way.
 */
public enum RnnKernel {
  /**
   * Every timestep as its own ops ({@link Rnn}'s static unroll): every layer, option and mask is
   * supported, and the results are the project's reference numbers. The default.
   */
  UNROLLED,

  /**
   * LSTMs run as TensorFlow's fused {@code BlockLSTMV2} kernel (one op for the whole sequence
   * forward, one for its gradient) where the layer allows it: {@code tanh} and {@code sigmoid}
   * activations, no mask, no recurrent dropout. Other layers, and LSTMs outside those limits,
   * are unrolled. Far fewer ops per training step; the kernel multiplies {@code [x, h]} by the
   * stacked kernels in one product, so float32 results differ from the unrolled graph by
   * rounding (measured within 1e-5), and repeat exactly for the same seed and thread counts.
   */
  FUSED
}
