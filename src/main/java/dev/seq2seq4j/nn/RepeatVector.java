package dev.seq2seq4j.nn;

import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Keras {@code RepeatVector(n)}: {@code (None, features)} to {@code (None, n, features)}. */
public final class RepeatVector extends Layer {
  private final int n;

  /** Repeats its input {@code n} times along a new time axis. */
  public RepeatVector(int n) {
    this(n, null);
  }

  /** Repeats its input {@code n} times; {@code name} may be null for a default. */
  public RepeatVector(int n, String name) {
    super(name);
    if (n < 1) {
      throw new IllegalArgumentException("RepeatVector n must be >= 1, got " + n);
    }
    this.n = n;
  }

  /** How many times the input is repeated. */
  public int n() {
    return n;
  }

  @Override
  public String typeName() {
    return "RepeatVector";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    Shapes.requireRank(describe(), in.get(0), 1, "an input of shape (None, features)");
    return List.of(new long[] {n, in.get(0)[0]});
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    return List.of(
        tf.stack(Collections.nCopies(n, inputs.get(0)), org.tensorflow.op.core.Stack.axis(1L)));
  }

}
