package dev.seq2seq4j.nn.norm;

import dev.seq2seq4j.nn.Initializers;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.Shapes;
import dev.seq2seq4j.nn.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's normalisation layers share: {@code gamma * (x - mean) / sqrt(variance + epsilon)
 * + beta} over the last axis, with {@code gamma} (ones, if {@code scale}) and {@code beta}
 * (zeros, if {@code center}), the input's shape kept and the Keras mask passed on. Subclasses
 * say which moments are used.
 */
public abstract class LastAxisNormalization extends Layer {
  private final int axis;
  private final double epsilon;
  private final boolean center;
  private final boolean scale;

  /**
   * @param name the layer name, or null for a default
   * @param axis the normalised axis, counting the batch as 0 (-1 for the last; only the last is
   *     supported, checked when the layer is applied)
   * @param epsilon added to the variance, above 0
   * @param center whether to add {@code beta}
   * @param scale whether to multiply by {@code gamma}
   */
  LastAxisNormalization(String name, int axis, double epsilon, boolean center, boolean scale) {
    super(name);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException(typeName() + " epsilon must be > 0, got " + epsilon);
    }
    this.axis = axis;
    this.epsilon = epsilon;
    this.center = center;
    this.scale = scale;
  }

  /**
   * The normalised axis as configured (Keras counts the batch as axis 0; -1 is the last).
   *
   * @return {@code axis}
   */
  public final int axis() {
    return axis;
  }

  /**
   * Added to the variance before the square root.
   *
   * @return {@code epsilon}
   */
  public final double epsilon() {
    return epsilon;
  }

  /**
   * Whether {@code beta} is added.
   *
   * @return {@code center}
   */
  public final boolean center() {
    return center;
  }

  /**
   * Whether the result is multiplied by {@code gamma}.
   *
   * @return {@code scale}
   */
  public final boolean scale() {
    return scale;
  }

  @Override
  public final boolean supportsMasking() {
    return true;
  }

  @Override
  public final List<long[]> outputShapes(List<long[]> in) {
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

  /**
   * {@code gamma} and {@code beta}, as configured, in Keras's order.
   *
   * @param in the input shapes
   * @return a mutable list, to which a subclass may add its own weights
   */
  final List<WeightSpec> affineWeights(List<long[]> in) {
    long[] features = features(in);
    List<WeightSpec> w = new ArrayList<>();
    if (scale) {
      w.add(new WeightSpec("gamma", features, Initializers.constant(1f)));
    }
    if (center) {
      w.add(new WeightSpec("beta", features, Initializers.zeros()));
    }
    return w;
  }

  /**
   * The shape of one per-feature weight: the input's last axis.
   *
   * @param in the input shapes
   * @return {@code [features]}
   */
  static long[] features(List<long[]> in) {
    long[] s = in.get(0);
    return new long[] {s[s.length - 1]};
  }

  /**
   * Normalises {@code x} with the given moments, then scales and centres it as configured.
   *
   * @param tf the ops builder
   * @param x the input
   * @param moments the mean and variance to normalise with
   * @param weights the layer's weights
   * @return the normalised input
   */
  final Operand<TFloat32> normalize(
      Ops tf, Operand<TFloat32> x, Moments moments, LayerWeights weights) {
    return moments.normalize(tf, x, (float) epsilon,
        scale ? weights.get("gamma") : null, center ? weights.get("beta") : null);
  }
}
