package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Attention(use_scale, score_mode, dropout)}, Luong-style: scores {@code query ·
 * keyᵀ} (times a learned scalar {@code scale} with {@code use_scale}), or with {@code
 * score_mode="concat"} {@code concat_score_weight * sum(tanh(scale * (query_i + key_j)))}; the
 * rest as {@link AttentionBase}.
 */
public final class Attention extends AttentionBase {
  /** How query and key are scored. */
  public enum ScoreMode {
    /** Dot product (Keras's default). */
    DOT,
    /** Sum of tanh of the pairwise sums, as in Bahdanau but without a learned vector. */
    CONCAT
  }

  private final boolean useScale;
  private final ScoreMode scoreMode;

  /** Dot-product attention with a default name. */
  public Attention() {
    this(null);
  }

  /**
   * Dot-product attention.
   *
   * @param name the layer name, or null for a default
   */
  public Attention(String name) {
    this(name, false, ScoreMode.DOT, 0f);
  }

  /**
   * Attention with every Keras option.
   *
   * @param name the layer name, or null for a default
   * @param useScale whether a learned scalar scales the scores
   * @param scoreMode dot or concat
   * @param dropout the fraction of attention weights dropped in training
   */
  public Attention(String name, boolean useScale, ScoreMode scoreMode, float dropout) {
    super(name, dropout);
    this.useScale = useScale;
    this.scoreMode = scoreMode;
  }

  /**
   * Whether a learned scalar scales the scores.
   *
   * @return {@code use_scale}
   */
  public boolean useScale() {
    return useScale;
  }

  /**
   * How query and key are scored.
   *
   * @return {@code score_mode}
   */
  public ScoreMode scoreMode() {
    return scoreMode;
  }

  @Override
  public String typeName() {
    return "Attention";
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    List<WeightSpec> w = new ArrayList<>();
    if (useScale) {
      w.add(new WeightSpec("scale", new long[0], Initializers.constant(1f)));
    }
    if (scoreMode == ScoreMode.CONCAT) {
      w.add(new WeightSpec("concat_score_weight", new long[0], Initializers.constant(1f)));
    }
    return w;
  }

  @Override
  protected Operand<TFloat32> scores(
      Ops tf, Operand<TFloat32> query, Operand<TFloat32> key, LayerWeights weights) {
    Operand<TFloat32> scale = useScale ? weights.get("scale") : null;
    if (scoreMode == ScoreMode.DOT) {
      Operand<TFloat32> s = dot(tf, query, key);
      return scale == null ? s : tf.math.mul(s, scale);
    }
    Operand<TFloat32> sum = tf.sum(pairwiseTanh(tf, query, key, scale), tf.constant(-1));
    return tf.math.mul(weights.get("concat_score_weight"), sum);
  }
}
