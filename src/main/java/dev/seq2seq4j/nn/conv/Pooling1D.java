package dev.seq2seq4j.nn.conv;

import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.Shapes;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's {@code MaxPooling1D} and {@code AveragePooling1D} share: a window of {@code
 * pool_size} steps moved by {@code strides} (default {@code pool_size}) over {@code (None, steps,
 * channels)}, each channel pooled on its own, with {@code valid} or {@code same} padding counted
 * as TensorFlow counts it. The layers have no weights and drop any Keras mask, as Keras's do.
 */
public abstract class Pooling1D extends Layer {
  private final int poolSize;
  private final int strides;
  private final Padding padding;

  /**
   * @param poolSize the window length, at least 1
   * @param strides the step between windows, at least 1
   * @param padding {@link Padding#VALID} or {@link Padding#SAME}
   * @param name the layer name, or null for a default
   * @throws IllegalArgumentException for sizes below 1 or causal padding
   */
  protected Pooling1D(int poolSize, int strides, Padding padding, String name) {
    super(name);
    if (poolSize < 1 || strides < 1) {
      throw new IllegalArgumentException(
          "pool_size and strides must be >= 1, got " + poolSize + " and " + strides);
    }
    if (padding == Padding.CAUSAL) {
      throw new IllegalArgumentException("pooling takes valid or same padding, not causal");
    }
    this.poolSize = poolSize;
    this.strides = strides;
    this.padding = padding;
  }

  /**
   * The window length.
   *
   * @return {@code pool_size}
   */
  public int poolSize() {
    return poolSize;
  }

  /**
   * The step between windows.
   *
   * @return {@code strides}
   */
  public int strides() {
    return strides;
  }

  /**
   * How the sequence's ends are padded.
   *
   * @return {@code padding}
   */
  public Padding padding() {
    return padding;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    Shapes.requireRank(describe(), s, 2, "a sequence of shape (None, steps, channels)");
    Shapes.requireKnown(describe() + " input", s);
    long steps = padding.outputLength(s[0], poolSize, strides);
    if (steps < 1) {
      throw new IllegalArgumentException(describe() + " with pool_size " + poolSize
          + " and valid padding needs at least " + poolSize + " steps, got " + Shapes.withBatch(s));
    }
    return List.of(new long[] {steps, s[1]});
  }

  @Override
  public final List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    // TensorFlow pools sequences as images of height 1, as tf.nn.max_pool1d does.
    Operand<TFloat32> image = tf.expandDims(inputs.get(0), tf.constant(1));
    String tfPadding = padding == Padding.SAME ? "SAME" : "VALID";
    Operand<TFloat32> y = pool(tf, image, List.of(1L, 1L, (long) poolSize, 1L),
        List.of(1L, 1L, (long) strides, 1L), tfPadding);
    return List.of(tf.squeeze(y, Squeeze.axis(List.of(1L))));
  }

  /**
   * The pooling op over an NHWC image of height 1.
   *
   * @param tf the ops builder
   * @param image {@code (None, 1, steps, channels)}
   * @param window the NHWC window, {@code [1, 1, pool_size, 1]}
   * @param strides the NHWC strides
   * @param padding {@code VALID} or {@code SAME}
   * @return the pooled image
   */
  protected abstract Operand<TFloat32> pool(Ops tf, Operand<TFloat32> image, List<Long> window,
      List<Long> strides, String padding);
}
