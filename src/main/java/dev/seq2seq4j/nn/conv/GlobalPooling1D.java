package dev.seq2seq4j.nn.conv;

import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.Shapes;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What Keras's {@code GlobalAveragePooling1D} and {@code GlobalMaxPooling1D} share: {@code (None,
 * steps, channels)} pooled over all steps to {@code (None, channels)}, or {@code (None, 1,
 * channels)} with {@code keepdims}. The output carries no Keras mask (the steps are gone).
 */
public abstract class GlobalPooling1D extends Layer {
  private final boolean keepDims;

  /**
   * @param keepDims whether to keep the pooled steps axis with size 1
   * @param name the layer name, or null for a default
   */
  protected GlobalPooling1D(boolean keepDims, String name) {
    super(name);
    this.keepDims = keepDims;
  }

  /**
   * Whether the pooled axis stays, with size 1.
   *
   * @return {@code keepdims}
   */
  public boolean keepDims() {
    return keepDims;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    Shapes.requireRank(describe(), s, 2, "a sequence of shape (None, steps, channels)");
    Shapes.requireKnown(describe() + " input", s);
    return List.of(keepDims ? new long[] {1, s[1]} : new long[] {s[1]});
  }

  @Override
  public final List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    return List.of(pool(ctx, inputs.get(0), ctx.mask(0)));
  }

  /**
   * Pools over the steps axis (axis 1), keeping it if {@link #keepDims()}.
   *
   * @param ctx the layer's context
   * @param x {@code (None, steps, channels)}
   * @param mask the input's Keras mask {@code (None, steps)}, or null
   * @return the pooled values
   */
  protected abstract Operand<TFloat32> pool(LayerContext ctx, Operand<TFloat32> x,
      Operand<TBool> mask);

  @Override
  public final List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    return Collections.singletonList(null);
  }

  /**
   * The steps axis as a graph constant.
   *
   * @param tf the ops builder
   * @return the int32 scalar 1
   */
  protected static Operand<TInt32> stepsAxis(Ops tf) {
    return tf.constant(1);
  }
}
