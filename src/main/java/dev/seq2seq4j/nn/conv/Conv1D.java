package dev.seq2seq4j.nn.conv;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.Initializers;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.Shapes;
import dev.seq2seq4j.nn.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Conv1D(filters, kernel_size, strides, padding, dilation_rate, activation,
 * use_bias)} on {@code (None, steps, channels)} sequences (channels last): {@code
 * activation(conv(x, kernel) + bias)} with kernel {@code [kernel_size, channels, filters]}
 * (glorot_uniform) and bias {@code [filters]} (zeros).
 *
 * <p>Padding {@code same} follows TensorFlow's rule, as Keras 3 does on TensorFlow: {@code
 * ceil(steps / strides)} outputs, the odd padding element on the right. {@code causal} pads
 * {@code dilation_rate * (kernel_size - 1)} zeros on the left and then convolves without
 * padding, so output {@code t} sees no input after {@code t}. Like Keras, strides above 1 cannot
 * be combined with a dilation above 1; a dilated kernel is applied through space-to-batch, as
 * TensorFlow's Python API applies it. The layer drops any Keras mask, as Keras's does.
 */
public final class Conv1D extends Layer {
  private final int filters;
  private final int kernelSize;
  private final int strides;
  private final Padding padding;
  private final int dilationRate;
  private final ActivationFunction activation;
  private final boolean useBias;

  private Conv1D(Builder b) {
    super(b.name);
    if (b.filters < 1 || b.kernelSize < 1 || b.strides < 1 || b.dilationRate < 1) {
      throw new IllegalArgumentException("Conv1D filters, kernel_size, strides and dilation_rate "
          + "must be >= 1, got " + b.filters + ", " + b.kernelSize + ", " + b.strides + ", "
          + b.dilationRate);
    }
    if (b.strides > 1 && b.dilationRate > 1) {
      throw new IllegalArgumentException("Conv1D cannot combine strides " + b.strides
          + " with dilation_rate " + b.dilationRate + " (Keras refuses it too)");
    }
    this.filters = b.filters;
    this.kernelSize = b.kernelSize;
    this.strides = b.strides;
    this.padding = b.padding;
    this.dilationRate = b.dilationRate;
    this.activation = b.activation;
    this.useBias = b.useBias;
  }

  /**
   * A Conv1D layer with stride 1, valid padding, no dilation, a linear activation and a bias.
   *
   * @param filters the number of output channels
   * @param kernelSize the window length
   * @return the builder
   */
  public static Builder builder(int filters, int kernelSize) {
    return new Builder(filters, kernelSize);
  }

  /**
   * The number of output channels.
   *
   * @return {@code filters}
   */
  public int filters() {
    return filters;
  }

  /**
   * The window length.
   *
   * @return {@code kernel_size}
   */
  public int kernelSize() {
    return kernelSize;
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

  /**
   * The spacing of the kernel's taps.
   *
   * @return {@code dilation_rate}
   */
  public int dilationRate() {
    return dilationRate;
  }

  /**
   * The output activation.
   *
   * @return {@code activation}
   */
  public ActivationFunction activation() {
    return activation;
  }

  /**
   * Whether a bias is added.
   *
   * @return {@code use_bias}
   */
  public boolean useBias() {
    return useBias;
  }

  @Override
  public String typeName() {
    return "Conv1D";
  }

  /** The kernel's extent over the input, taps and gaps: {@code dilation * (k - 1) + 1}. */
  private long window() {
    return (long) dilationRate * (kernelSize - 1) + 1;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    Shapes.requireRank(describe(), s, 2, "a sequence of shape (None, steps, channels)");
    Shapes.requireKnown(describe() + " input", s);
    long steps = padding.outputLength(s[0], window(), strides);
    if (steps < 1) {
      throw new IllegalArgumentException(describe() + " with kernel_size " + kernelSize
          + " and dilation_rate " + dilationRate + " needs at least " + window()
          + " steps, got " + Shapes.withBatch(s));
    }
    return List.of(new long[] {steps, filters});
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    long channels = in.get(0)[1];
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("kernel", new long[] {kernelSize, channels, filters},
        Initializers.glorotUniform()));
    if (useBias) {
      w.add(new WeightSpec("bias", new long[] {filters}, Initializers.zeros()));
    }
    return w;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    Padding p = padding;
    if (p == Padding.CAUSAL) {
      x = tf.pad(x, tf.constant(new long[][] {{0, 0}, {window() - 1, 0}, {0, 0}}), tf.constant(0f));
      p = Padding.VALID;
    }
    Operand<TFloat32> kernel = weights.get("kernel");
    Operand<TFloat32> y = dilationRate == 1
        ? convolve(tf, x, kernel, strides, p == Padding.SAME ? "SAME" : "VALID")
        : atrous(tf, x, kernel, p);
    if (useBias) {
      y = tf.math.add(y, weights.get("bias"));
    }
    return List.of(activation.apply(tf, y));
  }

  /**
   * A dilated convolution as TensorFlow's Python API builds it ({@code with_space_to_batch}):
   * SpaceToBatchND with block {@code dilation} turns the taps {@code dilation} apart into
   * neighbours, a plain valid convolution follows, and BatchToSpaceND undoes the reshuffle.
   * Beyond matching Keras's graph, this keeps TensorFlow's oneDNN kernels away from dilated
   * convolution gradients, whose setup fails and aborts the process on some CPUs.
   */
  private Operand<TFloat32> atrous(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel,
      Padding p) {
    long steps = x.shape().get(1);
    long extent = window() - 1;
    // SAME pads (window - 1) with the smaller half on the left; the end is padded further so
    // that the length divides by the block, and that extra is cropped off afterwards.
    long padStart = p == Padding.SAME ? extent / 2 : 0;
    long padEnd = p == Padding.SAME ? extent - padStart : 0;
    long extra = Math.floorMod(-(steps + padStart + padEnd), (long) dilationRate);
    Operand<TFloat32> blocks = tf.spaceToBatchNd(x, tf.constant(new long[] {dilationRate}),
        tf.constant(new long[][] {{padStart, padEnd + extra}}));
    Operand<TFloat32> y = convolve(tf, blocks, kernel, 1, "VALID");
    return tf.batchToSpaceNd(y, tf.constant(new long[] {dilationRate}),
        tf.constant(new long[][] {{0, extra}}));
  }

  /** An undilated convolution: TensorFlow's Conv2D on a height-1 image, as tf.nn.conv1d does. */
  private static Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel,
      long stride, String tfPadding) {
    Operand<TFloat32> image = tf.expandDims(x, tf.constant(1));
    Operand<TFloat32> filter = tf.expandDims(kernel, tf.constant(0));
    Operand<TFloat32> y =
        tf.nn.conv2d(image, filter, List.of(1L, 1L, stride, 1L), tfPadding);
    return tf.squeeze(y, Squeeze.axis(List.of(1L)));
  }

  /** Configures a {@link Conv1D} layer. */
  public static final class Builder {
    private final int filters;
    private final int kernelSize;
    private int strides = 1;
    private Padding padding = Padding.VALID;
    private int dilationRate = 1;
    private ActivationFunction activation = ActivationFunction.LINEAR;
    private boolean useBias = true;
    private String name;

    private Builder(int filters, int kernelSize) {
      this.filters = filters;
      this.kernelSize = kernelSize;
    }

    /**
     * The step between windows (default 1).
     *
     * @param v the stride
     * @return this builder
     */
    public Builder strides(int v) {
      this.strides = v;
      return this;
    }

    /**
     * How the ends are padded (default valid).
     *
     * @param v the padding
     * @return this builder
     */
    public Builder padding(Padding v) {
      this.padding = v;
      return this;
    }

    /**
     * The spacing of the kernel's taps (default 1).
     *
     * @param v the dilation rate
     * @return this builder
     */
    public Builder dilationRate(int v) {
      this.dilationRate = v;
      return this;
    }

    /**
     * The activation by Keras name (default linear).
     *
     * @param name e.g. {@code relu}
     * @return this builder
     */
    public Builder activation(String name) {
      this.activation = ActivationFunction.byName(name);
      return this;
    }

    /**
     * The activation (default linear).
     *
     * @param v the activation
     * @return this builder
     */
    public Builder activation(ActivationFunction v) {
      this.activation = v;
      return this;
    }

    /**
     * Whether to add a bias (default true).
     *
     * @param v the option
     * @return this builder
     */
    public Builder useBias(boolean v) {
      this.useBias = v;
      return this;
    }

    /**
     * The layer name (default: Keras-style, given by the model).
     *
     * @param v the name
     * @return this builder
     */
    public Builder name(String v) {
      this.name = v;
      return this;
    }

    /**
     * Builds the layer, validating the configuration.
     *
     * @return the layer
     * @throws IllegalArgumentException for sizes below 1 or strides combined with dilation
     */
    public Conv1D build() {
      return new Conv1D(this);
    }
  }
}
