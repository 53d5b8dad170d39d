package dev.seq2seq4j.nn;

import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * What Keras's {@code Attention} and {@code AdditiveAttention} share: inputs {@code [query (None,
 * Tq, d), value (None, Tv, dv)]} or {@code [query, value, key (None, Tv, d)]} (the key defaults
 * to the value); scores {@code (None, Tq, Tv)} from the subclass; value-mask positions pushed to
 * {@code -1e9} before the softmax over Tv; dropout on the weights in training; output {@code
 * weights · value}, zeroed where the query is masked. The output carries the query's mask.
 */
public abstract class AttentionBase extends Layer {
  private final float dropout;
  private boolean returnScores;

  /**
   * @param name the layer name, or null for a default
   * @param dropout the fraction of attention weights dropped in training
   */
  protected AttentionBase(String name, float dropout) {
    super(name);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("attention dropout must be in [0, 1), got " + dropout);
    }
    this.dropout = dropout;
  }

  /**
   * The fraction of attention weights dropped in training.
   *
   * @return the dropout rate
   */
  public float dropout() {
    return dropout;
  }

  /**
   * Also output the attention weights {@code (None, Tq, Tv)} (Keras's call argument {@code
   * return_attention_scores=True}), as a second output.
   *
   * @param v the option
   * @return this layer
   * @throws IllegalStateException once the layer has been applied
   */
  public AttentionBase returnAttentionScores(boolean v) {
    if (isBuilt()) {
      throw new IllegalStateException(describe() + " is applied already");
    }
    this.returnScores = v;
    return this;
  }

  /**
   * Whether the attention weights are a second output.
   *
   * @return {@code return_attention_scores}
   */
  public boolean returnsAttentionScores() {
    return returnScores;
  }

  /**
   * The scores of every query step against every key step.
   *
   * @param tf the ops builder
   * @param query {@code (None, Tq, d)}
   * @param key {@code (None, Tv, d)}
   * @param weights this layer's weights
   * @return {@code (None, Tq, Tv)}
   */
  protected abstract Operand<TFloat32> scores(
      Ops tf, Operand<TFloat32> query, Operand<TFloat32> key, LayerWeights weights);

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    if (in.size() != 2 && in.size() != 3) {
      throw new IllegalArgumentException(
          describe() + " takes [query, value] or [query, value, key], got " + in.size() + " inputs");
    }
    long[] q = in.get(0);
    long[] v = in.get(1);
    long[] k = in.size() == 3 ? in.get(2) : v;
    Shapes.requireRank(describe(), q, 2, "a query of shape (None, Tq, d)");
    Shapes.requireRank(describe(), v, 2, "a value of shape (None, Tv, d)");
    Shapes.requireRank(describe(), k, 2, "a key of shape (None, Tv, d)");
    if (q[1] != k[1]) {
      throw new IllegalArgumentException(describe() + " needs query and key of one width, got "
          + Shapes.withBatch(q) + " and " + Shapes.withBatch(k));
    }
    if (k[0] != v[0]) {
      throw new IllegalArgumentException(describe() + " needs key and value of one length, got "
          + Shapes.withBatch(k) + " and " + Shapes.withBatch(v));
    }
    long[] out = {q[0], v[1]};
    return returnScores ? List.of(out, new long[] {q[0], k[0]}) : List.of(out);
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    return returnScores ? java.util.Arrays.asList(ctx.mask(0), null)
        : Collections.singletonList(ctx.mask(0));
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> query = inputs.get(0);
    Operand<TFloat32> value = inputs.get(1);
    Operand<TFloat32> key = inputs.size() == 3 ? inputs.get(2) : value;
    Operand<TFloat32> scores = scores(tf, query, key, weights);
    Operand<TBool> valueMask = ctx.mask(1);
    if (valueMask != null) {
      // Padding positions get a bias of -1e9, as Keras does, so they take no weight.
      Operand<TFloat32> padding = tf.math.sub(tf.constant(1f),
          tf.dtypes.cast(tf.expandDims(valueMask, tf.constant(1)), TFloat32.class));
      scores = tf.math.sub(scores, tf.math.mul(tf.constant(1e9f), padding));
    }
    Operand<TFloat32> weightsOut = tf.nn.softmax(scores);
    Operand<TFloat32> distribution = weightsOut;
    if (dropout > 0) {
      distribution = Dropouts.everyValue(ctx, distribution, dropout);
    }
    // BatchMatMulV3 (listed under train in TensorFlow Java) multiplies the last two axes per sample.
    Operand<TFloat32> out = tf.train.batchMatMul(distribution, value, TFloat32.class);
    Operand<TBool> queryMask = ctx.mask(0);
    if (queryMask != null) {
      out = tf.math.mul(out,
          tf.dtypes.cast(tf.expandDims(queryMask, tf.constant(-1)), TFloat32.class));
    }
    return returnScores ? List.of(out, weightsOut) : List.of(out);
  }

  /**
   * {@code query · keyᵀ} per sample.
   *
   * @param tf the ops builder
   * @param query {@code (None, Tq, d)}
   * @param key {@code (None, Tv, d)}
   * @return {@code (None, Tq, Tv)}
   */
  protected static Operand<TFloat32> dot(Ops tf, Operand<TFloat32> query, Operand<TFloat32> key) {
    return tf.train.batchMatMul(query, key, TFloat32.class, BatchMatMul.adjY(true));
  }

  /**
   * {@code tanh(query_i + key_j)} for every pair, {@code (None, Tq, Tv, d)}, optionally scaled
   * inside the tanh.
   *
   * @param tf the ops builder
   * @param query {@code (None, Tq, d)}
   * @param key {@code (None, Tv, d)}
   * @return the pairwise sums through tanh
   */
  protected static Operand<TFloat32> pairwiseTanh(
      Ops tf, Operand<TFloat32> query, Operand<TFloat32> key, Operand<TFloat32> innerScale) {
    Operand<TFloat32> sum = tf.math.add(tf.expandDims(query, tf.constant(-2)),
        tf.expandDims(key, tf.constant(-3)));
    return tf.math.tanh(innerScale == null ? sum : tf.math.mul(innerScale, sum));
  }
}
