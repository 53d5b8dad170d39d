package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code SpatialDropout1D(rate)} on {@code (None, steps, features)}: in training, drops
 * whole features, one draw per (sample, feature) shared by every step, and scales the rest by
 * {@code 1 / (1 - rate)}; in inference, the identity. The Keras mask passes on unchanged.
 */
public final class SpatialDropout1D extends Layer {
  private final float rate;

  /**
   * Spatial dropout.
   *
   * @param rate the fraction of features to drop, in [0, 1)
   * @param name the layer name, or null for a default
   */
  public SpatialDropout1D(float rate, String name) {
    super(name);
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("SpatialDropout1D rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  /**
   * The fraction of features dropped in training.
   *
   * @return the rate
   */
  public float rate() {
    return rate;
  }

  @Override
  public String typeName() {
    return "SpatialDropout1D";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    Shapes.requireRank(describe(), in.get(0), 2, "a sequence of shape (None, steps, features)");
    return List.of(in.get(0).clone());
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Operand<TFloat32> x = inputs.get(0);
    return List.of(rate == 0 ? x : Dropouts.sameMaskEveryStep(ctx, x, rate));
  }
}
