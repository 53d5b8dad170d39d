package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code AdditiveAttention(use_scale=True, dropout)}, Bahdanau-style: scores {@code
 * sum(scale * tanh(query_i + key_j))} over the feature axis, with a learned {@code scale [d]}
 * (glorot uniform) when {@code use_scale}; the rest as {@link AttentionBase}.
 */
public final class AdditiveAttention extends AttentionBase {
  private final boolean useScale;

  /** Additive attention with a learned scale and a default name. */
  public AdditiveAttention() {
    this(null, true, 0f);
  }

  /**
   * Additive attention.
   *
   * @param name the layer name, or null for a default
   * @param useScale whether a learned vector weighs the features (Keras's default: true)
   * @param dropout the fraction of attention weights dropped in training
   */
  public AdditiveAttention(String name, boolean useScale, float dropout) {
    super(name, dropout);
    this.useScale = useScale;
  }

  /**
   * Whether a learned vector weighs the features.
   *
   * @return {@code use_scale}
   */
  public boolean useScale() {
    return useScale;
  }

  @Override
  public String typeName() {
    return "AdditiveAttention";
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    long dim = in.get(0)[in.get(0).length - 1];
    return useScale
        ? List.of(new WeightSpec("scale", new long[] {dim}, Initializers.glorotUniform()))
        : List.of();
  }

  @Override
  protected Operand<TFloat32> scores(
      Ops tf, Operand<TFloat32> query, Operand<TFloat32> key, LayerWeights weights) {
    Operand<TFloat32> t = pairwiseTanh(tf, query, key, null);
    if (useScale) {
      t = tf.math.mul(weights.get("scale"), t);
    }
    return tf.sum(t, tf.constant(-1));
  }
}
