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
import org.tensorflow.types.TFloat32;

/**
 * Keras 3 {@code LayerNormalization(axis=-1, epsilon, center, scale)}: each sample (each step of
 * a sequence) normalised over its last axis, {@code gamma * (x - mean) / sqrt(variance +
 * epsilon) + beta}, with the same arithmetic as Keras. Weights {@code gamma} (ones, if {@code
 * scale}) and {@code beta} (zeros, if {@code center}); training and inference compute the same.
 * The Keras mask passes on unchanged.
 */
public final class LayerNormalization extends Layer {
  private final int axis;
  private final double epsilon;
  private final boolean center;
  private final boolean scale;

  /**
   * Layer normalisation over the last axis.
   *
   * @param axis the normalised axis, counting the batch as 0 (-1 for the last; only the last is
   *     supported, checked when the layer is applied)
   * @param epsilon added to the variance, above 0 (Keras's default is 1e-3)
   * @param center whether to add {@code beta}
   * @param scale whether to multiply by {@code gamma}
   * @param name the layer name, or null for a default
   */
  public LayerNormalization(int axis, double epsilon, boolean center, boolean scale, String name) {
    super(name);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("LayerNormalization epsilon must be > 0, got " + epsilon);
    }
    this.axis = axis;
    this.epsilon = epsilon;
    this.center = center;
    this.scale = scale;
  }

  /**
   * Layer normalisation with Keras's defaults: last axis, epsilon 1e-3, center and scale.
   *
   * @return the layer
   */
  public static LayerNormalization withDefaults() {
    return new LayerNormalization(-1, 1e-3, true, true, null);
  }

  /**
   * The normalised axis as configured.
   *
   * @return {@code axis}
   */
  public int axis() {
    return axis;
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
    return "LayerNormalization";
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
    return w;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    int last = x.shape().numDimensions() - 1;
    Moments m = Moments.of(tf, x, new int[] {last}, true);
    return List.of(m.normalize(tf, x, (float) epsilon,
        scale ? weights.get("gamma") : null, center ? weights.get("beta") : null));
  }
}
