package dev.seq2seq4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code TimeDistributed(layer)}: applies the wrapped single-output layer to every timestep
 * of a {@code (None, T, ...)} input with one set of weights. The wrapped layer is this layer's
 * child {@code layer}, as in Keras, so its weights are {@code time_distributed/layer/kernel}.
 */
public final class TimeDistributed extends Layer {
  private final Layer inner;

  /** Wraps {@code inner} (typically a {@link Dense}). */
  public TimeDistributed(Layer inner) {
    this(inner, null);
  }

  /** Wraps {@code inner}; {@code name} may be null for a default. */
  public TimeDistributed(Layer inner, String name) {
    super(name);
    if (inner instanceof TimeDistributed || inner instanceof InputLayer) {
      throw new IllegalArgumentException("TimeDistributed cannot wrap " + inner.typeName());
    }
    this.inner = inner;
  }

  /** The wrapped layer. */
  public Layer inner() {
    return inner;
  }

  @Override
  public String typeName() {
    return "TimeDistributed";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    if (s.length < 2) {
      throw new IllegalArgumentException(
          describe() + " needs an input of shape (None, timesteps, ...), got "
              + Shapes.withBatch(s));
    }
    List<long[]> innerOut = inner.outputShapes(List.of(Arrays.copyOfRange(s, 1, s.length)));
    if (innerOut.size() != 1) {
      throw new IllegalArgumentException(describe() + " can only wrap a single-output layer");
    }
    long[] o = innerOut.get(0);
    long[] out = new long[o.length + 1];
    out[0] = s[0];
    System.arraycopy(o, 0, out, 1, o.length);
    return List.of(out);
  }

  @Override
  public Map<String, Layer> children() {
    return Map.of("layer", inner);
  }

  @Override
  protected void buildChildren(List<long[]> in) {
    long[] s = in.get(0);
    inner.build(List.of(Arrays.copyOfRange(s, 1, s.length)));
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    long[] shape = x.shape().asArray();
    long timesteps = shape[1];
    // Fold time into the batch, apply the inner layer once, unfold.
    long[] folded = Arrays.copyOfRange(shape, 1, shape.length);
    folded[0] = -1;
    Operand<TFloat32> y = inner.call(ctx.withScope(tf, java.util.Collections.singletonList(null)),
        List.of(tf.reshape(x, tf.constant(folded))), weights.child("layer")).get(0);
    long[] yShape = y.shape().asArray();
    long[] unfolded = new long[yShape.length + 1];
    unfolded[0] = -1;
    unfolded[1] = timesteps;
    System.arraycopy(yShape, 1, unfolded, 2, yShape.length - 1);
    return List.of(tf.reshape(y, tf.constant(unfolded)));
  }

}
