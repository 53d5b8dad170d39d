package dev.seq2seq4j.nn.ops;

import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.All;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's {@code keras.ops.any} and {@code keras.ops.all} over one axis of a boolean tensor,
 * as Keras records a Masking layer's mask ({@code any(x != value, axis=-1)}) in a Functional
 * config. Booleans are carried as 0 and 1.
 */
public final class Reduction extends Layer {
  /** Which reduction, named as the Keras op class. */
  public enum Kind {
    /** True where any element along the axis is. */
    ANY("Any"),
    /** True where every element along the axis is. */
    ALL("All");

    private final String kerasClass;

    Kind(String kerasClass) {
      this.kerasClass = kerasClass;
    }

    /**
     * The Keras op class.
     *
     * @return e.g. {@code Any}
     */
    public String kerasClass() {
      return kerasClass;
    }
  }

  private final Kind kind;
  private final int axis;
  private final boolean keepDims;

  /**
   * The op.
   *
   * @param kind any or all
   * @param axis the axis reduced, Keras numbering (0 is the batch, negative from the end)
   * @param keepDims whether the reduced axis stays with size 1
   * @param name the node's name, or null for a default
   */
  public Reduction(Kind kind, int axis, boolean keepDims, String name) {
    super(name);
    if (axis == 0) {
      throw new IllegalArgumentException(kind.kerasClass() + " over the batch axis is not supported");
    }
    this.kind = kind;
    this.axis = axis;
    this.keepDims = keepDims;
  }

  /**
   * The reduction.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The axis, Keras numbering.
   *
   * @return the axis
   */
  public int axis() {
    return axis;
  }

  /**
   * Whether the reduced axis stays.
   *
   * @return {@code keepdims}
   */
  public boolean keepDims() {
    return keepDims;
  }

  @Override
  public String typeName() {
    return kind.kerasClass();
  }

  private int sampleAxis(int rank) {
    int a = axis < 0 ? rank + axis : axis - 1;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException(describe() + ": axis " + axis + " does not exist in an "
          + "input of rank " + (rank + 1));
    }
    return a;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    int a = sampleAxis(s.length);
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      if (i != a) {
        out.add(s[i]);
      } else if (keepDims) {
        out.add(1L);
      }
    }
    return List.of(out.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  public DType outputDtype(int output, List<DType> inputDtypes) {
    return DType.BOOL;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    Operand<TBool> b = tf.math.notEqual(x, tf.constant(0f));
    int a = 1 + sampleAxis(x.shape().numDimensions() - 1);
    Operand<TBool> r = kind == Kind.ANY
        ? tf.any(b, tf.constant(a), org.tensorflow.op.core.Any.keepDims(keepDims))
        : tf.all(b, tf.constant(a), All.keepDims(keepDims));
    return List.of(tf.dtypes.cast(r, TFloat32.class));
  }
}
