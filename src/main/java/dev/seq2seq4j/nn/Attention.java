package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Attention()} (Luong dot-product attention, no scale, no weights): for {@code
 * [query (None, Tq, d), value (None, Tv, d)]}, scores = query · valueᵀ, weights = softmax over
 * Tv, output = weights · value, of shape {@code (None, Tq, d)}. The value also serves as the key.
 */
public final class Attention extends Layer {
  /** Dot-product attention with a default name. */
  public Attention() {
    this(null);
  }

  /** Dot-product attention; {@code name} may be null for a default. */
  public Attention(String name) {
    super(name);
  }

  @Override
  public String typeName() {
    return "Attention";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 2);
    long[] q = in.get(0);
    long[] v = in.get(1);
    Shapes.requireRank(describe(), q, 2, "a query of shape (None, Tq, d)");
    Shapes.requireRank(describe(), v, 2, "a value of shape (None, Tv, d)");
    if (q[1] != v[1]) {
      throw new IllegalArgumentException(describe() + " needs query and value of one width, got "
          + Shapes.withBatch(q) + " and " + Shapes.withBatch(v));
    }
    return List.of(q.clone());
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> query = inputs.get(0);
    Operand<TFloat32> value = inputs.get(1);
    // BatchMatMulV3 (listed under train in TensorFlow Java) multiplies the last two axes per sample.
    Operand<TFloat32> scores =
        tf.train.batchMatMul(query, value, TFloat32.class, BatchMatMul.adjY(true));
    Operand<TFloat32> distribution = tf.nn.softmax(scores);
    return List.of(tf.train.batchMatMul(distribution, value, TFloat32.class));
  }
}
