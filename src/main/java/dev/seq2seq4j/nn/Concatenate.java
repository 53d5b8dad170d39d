package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code Concatenate()} on the last axis: inputs alike but for their last size. */
public final class Concatenate extends Layer {
  /** Concatenation with a default name. */
  public Concatenate() {
    this(null);
  }

  /** Concatenation; {@code name} may be null for a default. */
  public Concatenate(String name) {
    super(name);
  }

  @Override
  public String typeName() {
    return "Concatenate";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    if (in.size() < 2) {
      throw new IllegalArgumentException(describe() + " needs at least two inputs, got " + in.size());
    }
    long[] first = in.get(0);
    long[] out = first.clone();
    out[out.length - 1] = 0;
    for (long[] s : in) {
      boolean same = s.length == first.length;
      for (int i = 0; same && i < s.length - 1; i++) {
        same = s[i] == first[i];
      }
      if (!same) {
        throw new IllegalArgumentException(describe() + " needs inputs alike but for the last axis, got "
            + Shapes.withBatch(first) + " and " + Shapes.withBatch(s));
      }
      out[out.length - 1] += s[s.length - 1];
    }
    return List.of(out);
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    return List.of(tf.concat(inputs, tf.constant(-1)));
  }
}
