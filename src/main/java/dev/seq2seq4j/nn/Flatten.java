package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code Flatten}: {@code (None, d1, d2, ...)} to {@code (None, d1 * d2 * ...)}. */
public final class Flatten extends Layer {
  /** A Flatten layer with a default name. */
  public Flatten() {
    this(null);
  }

  /** A Flatten layer; {@code name} may be null for a default. */
  public Flatten(String name) {
    super(name);
  }

  @Override
  public String typeName() {
    return "Flatten";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    Shapes.requireKnown(describe() + " input", in.get(0));
    return List.of(new long[] {Shapes.size(in.get(0))});
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    long[] s = x.shape().asArray();
    long n = 1;
    for (int i = 1; i < s.length; i++) {
      n *= s[i];
    }
    return List.of(tf.reshape(x, tf.constant(new long[] {-1, n})));
  }
}
