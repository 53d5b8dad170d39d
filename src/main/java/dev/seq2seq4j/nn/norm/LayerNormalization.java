package dev.seq2seq4j.nn.norm;

import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.WeightSpec;
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
public final class LayerNormalization extends LastAxisNormalization {
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
    super(name, axis, epsilon, center, scale);
  }

  /**
   * Layer normalisation with Keras's defaults: last axis, epsilon 1e-3, center and scale.
   *
   * @return the layer
   */
  public static LayerNormalization withDefaults() {
    return new LayerNormalization(-1, 1e-3, true, true, null);
  }

  @Override
  public String typeName() {
    return "LayerNormalization";
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    return affineWeights(in);
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    int last = x.shape().numDimensions() - 1;
    Moments m = Moments.of(tf, x, new int[] {last}, true);
    return List.of(normalize(tf, x, m, weights));
  }
}
