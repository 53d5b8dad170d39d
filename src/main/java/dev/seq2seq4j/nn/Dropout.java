package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Dropout(rate)}: in training, zeroes each value with probability {@code rate} and
 * scales the rest by {@code 1 / (1 - rate)}; in inference, the identity. Masks are drawn by
 * stateless random ops seeded per training step, so the same seed drops the same values.
 */
public final class Dropout extends Layer {
  private final float rate;

  /**
   * Dropout with a default name.
   *
   * @param rate the fraction to drop, in [0, 1)
   */
  public Dropout(float rate) {
    this(rate, null);
  }

  /**
   * Dropout; {@code name} may be null for a default.
   *
   * @param rate the fraction to drop, in [0, 1)
   * @param name the layer name
   */
  public Dropout(float rate, String name) {
    super(name);
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  /**
   * The fraction dropped in training.
   *
   * @return the rate
   */
  public float rate() {
    return rate;
  }

  @Override
  public String typeName() {
    return "Dropout";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
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
    return List.of(rate == 0 ? x : Dropouts.everyValue(ctx, x, rate));
  }
}
