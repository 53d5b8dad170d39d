package dev.seq2seq4j.nn.norm;

import dev.seq2seq4j.nn.Initializers;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.WeightSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3 {@code BatchNormalization(axis=-1, momentum, epsilon, center, scale)}: each feature of
 * the last axis normalised as {@code gamma * (x - mean) / sqrt(variance + epsilon) + beta}.
 *
 * <p>Weights, in Keras's order: {@code gamma} (ones, if {@code scale}) and {@code beta} (zeros,
 * if {@code center}), trainable; {@code moving_mean} (zeros) and {@code moving_variance} (ones),
 * not trainable. At inference the moving statistics are used. In a training step the batch's
 * own mean and biased variance over every axis but the last are used, and the moving statistics
 * become {@code moving * momentum + batch * (1 - momentum)}, as Keras 3 updates them; the update
 * is registered with {@link LayerContext#addUpdate} and keeps the old values unless the step
 * trains. With a Keras mask the batch statistics count the real steps only (Keras 3.8's masked
 * moments); the mask passes on unchanged.
 */
public final class BatchNormalization extends LastAxisNormalization {
  private final double momentum;

  private BatchNormalization(Builder b) {
    super(b.name, b.axis, b.epsilon, b.center, b.scale);
    if (!(b.momentum >= 0 && b.momentum <= 1)) {
      throw new IllegalArgumentException(
          "BatchNormalization momentum must be in [0, 1], got " + b.momentum);
    }
    this.momentum = b.momentum;
  }

  /**
   * A BatchNormalization layer with Keras's defaults (momentum 0.99, epsilon 1e-3, center,
   * scale).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How much of the old moving statistics a training step keeps.
   *
   * @return {@code momentum}
   */
  public double momentum() {
    return momentum;
  }

  @Override
  public String typeName() {
    return "BatchNormalization";
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    long[] features = features(in);
    List<WeightSpec> w = affineWeights(in);
    w.add(new WeightSpec("moving_mean", features, Initializers.zeros(), false));
    w.add(new WeightSpec("moving_variance", features, Initializers.constant(1f), false));
    return w;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    int rank = x.shape().numDimensions();
    int[] reduce = new int[rank - 1];
    for (int i = 0; i < reduce.length; i++) {
      reduce[i] = i;
    }
    Operand<TBool> mask = ctx.mask(0);
    // A Keras mask is (batch, steps): it fits sequences, the only inputs that carry one.
    Moments batch = mask != null && rank == 3
        ? Moments.masked(tf, x, mask, reduce)
        : Moments.of(tf, x, reduce, false);
    Operand<TFloat32> movingMean = weights.get("moving_mean");
    Operand<TFloat32> movingVariance = weights.get("moving_variance");
    Operand<TBool> training = ctx.training();
    registerUpdate(ctx, movingMean, batch.mean());
    registerUpdate(ctx, movingVariance, batch.variance());
    // Both statistics are in the graph; the training flag picks one per run.
    Moments used = new Moments(tf.select(training, batch.mean(), movingMean),
        tf.select(training, batch.variance(), movingVariance));
    return List.of(normalize(tf, x, used, weights));
  }

  /**
   * Registers {@code moving = moving * momentum + batch * (1 - momentum)} for training steps;
   * with the training flag false the variable is assigned its own value, so a run that happens
   * to include the update changes nothing.
   */
  private void registerUpdate(LayerContext ctx, Operand<TFloat32> moving, Operand<TFloat32> batch) {
    Ops tf = ctx.tf();
    // 1 - momentum in double, then float32, as Keras computes it from its Python float.
    Operand<TFloat32> next = tf.math.add(tf.math.mul(moving, tf.constant((float) momentum)),
        tf.math.mul(batch, tf.constant((float) (1.0 - momentum))));
    ctx.addUpdate(tf.assign(moving, tf.select(ctx.training(), next, moving)));
  }

  /** Configures a {@link BatchNormalization} layer. */
  public static final class Builder {
    private int axis = -1;
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private String name;

    private Builder() {}

    /**
     * The normalised axis, counting the batch as 0 (default -1; only the last axis is
     * supported, checked when the layer is applied).
     *
     * @param v the axis
     * @return this builder
     */
    public Builder axis(int v) {
      this.axis = v;
      return this;
    }

    /**
     * How much of the moving statistics a training step keeps (default 0.99).
     *
     * @param v the momentum, in [0, 1]
     * @return this builder
     */
    public Builder momentum(double v) {
      this.momentum = v;
      return this;
    }

    /**
     * Added to the variance (default 1e-3).
     *
     * @param v epsilon, above 0
     * @return this builder
     */
    public Builder epsilon(double v) {
      this.epsilon = v;
      return this;
    }

    /**
     * Whether to add {@code beta} (default true).
     *
     * @param v the option
     * @return this builder
     */
    public Builder center(boolean v) {
      this.center = v;
      return this;
    }

    /**
     * Whether to multiply by {@code gamma} (default true).
     *
     * @param v the option
     * @return this builder
     */
    public Builder scale(boolean v) {
      this.scale = v;
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
     */
    public BatchNormalization build() {
      return new BatchNormalization(this);
    }
  }
}
