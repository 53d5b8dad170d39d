package dev.seq2seq4j.nn.norm;

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
public final class BatchNormalization extends Layer {
  private final int axis;
  private final double momentum;
  private final double epsilon;
  private final boolean center;
  private final boolean scale;

  private BatchNormalization(Builder b) {
    super(b.name);
    if (!(b.momentum >= 0 && b.momentum <= 1)) {
      throw new IllegalArgumentException(
          "BatchNormalization momentum must be in [0, 1], got " + b.momentum);
    }
    if (!(b.epsilon > 0)) {
      throw new IllegalArgumentException(
          "BatchNormalization epsilon must be > 0, got " + b.epsilon);
    }
    this.axis = b.axis;
    this.momentum = b.momentum;
    this.epsilon = b.epsilon;
    this.center = b.center;
    this.scale = b.scale;
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
   * The normalised axis as configured (Keras counts the batch as axis 0; -1 is the last).
   *
   * @return {@code axis}
   */
  public int axis() {
    return axis;
  }

  /**
   * How much of the old moving statistics a training step keeps.
   *
   * @return {@code momentum}
   */
  public double momentum() {
    return momentum;
  }

  /**
   * Added to the variance before the square root.
   *
   * @return {@code epsilon}
   */
  public double epsilon() {
    return epsilon;
  }

  /**
   * Whether {@code beta} is added.
   *
   * @return {@code center}
   */
  public boolean center() {
    return center;
  }

  /**
   * Whether the result is multiplied by {@code gamma}.
   *
   * @return {@code scale}
   */
  public boolean scale() {
    return scale;
  }

  @Override
  public String typeName() {
    return "BatchNormalization";
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    if (s.length < 1) {
      throw new IllegalArgumentException(describe() + " needs an input of rank >= 2, got (None)");
    }
    Shapes.requireKnown(describe() + " input", s);
    if (axis != -1 && axis != s.length) {
      throw new IllegalArgumentException(describe() + " normalises axis " + axis + " of "
          + Shapes.withBatch(s) + "; only the last axis (-1) is supported");
    }
    return List.of(s.clone());
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    long[] s = in.get(0);
    long[] features = {s[s.length - 1]};
    List<WeightSpec> w = new ArrayList<>();
    if (scale) {
      w.add(new WeightSpec("gamma", features, Initializers.constant(1f)));
    }
    if (center) {
      w.add(new WeightSpec("beta", features, Initializers.zeros()));
    }
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
    return List.of(used.normalize(tf, x, (float) epsilon,
        scale ? weights.get("gamma") : null, center ? weights.get("beta") : null));
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
