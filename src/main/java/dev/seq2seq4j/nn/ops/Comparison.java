package dev.seq2seq4j.nn.ops;

import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's {@code keras.ops.not_equal} and {@code keras.ops.equal} of a tensor and a constant,
 * as they appear in a Functional config (Keras records the mask of Masking and {@code
 * Embedding(mask_zero=True)} as such op nodes): a boolean tensor of the input's shape, carried
 * as 0 and 1 inside the graph.
 */
public final class Comparison extends Layer {
  /** Which comparison, named as the Keras op class. */
  public enum Kind {
    /** {@code x != c}. */
    NOT_EQUAL("NotEqual"),
    /** {@code x == c}. */
    EQUAL("Equal");

    private final String kerasClass;

    Kind(String kerasClass) {
      this.kerasClass = kerasClass;
    }

    /**
     * The Keras op class.
     *
     * @return e.g. {@code NotEqual}
     */
    public String kerasClass() {
      return kerasClass;
    }
  }

  private final Kind kind;
  private final double constant;

  /**
   * The op.
   *
   * @param kind the comparison
   * @param constant the value every element is compared with
   * @param name the node's name, or null for a default
   */
  public Comparison(Kind kind, double constant, String name) {
    super(name);
    this.kind = kind;
    this.constant = constant;
  }

  /**
   * The comparison.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The value compared with.
   *
   * @return the constant
   */
  public double constant() {
    return constant;
  }

  @Override
  public String typeName() {
    return kind.kerasClass();
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    return List.of(in.get(0).clone());
  }

  @Override
  public DType outputDtype(int output, List<DType> inputDtypes) {
    return DType.BOOL;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> c = tf.constant((float) constant);
    Operand<TBool> b = kind == Kind.NOT_EQUAL
        ? tf.math.notEqual(inputs.get(0), c) : tf.math.equal(inputs.get(0), c);
    return List.of(tf.dtypes.cast(b, TFloat32.class));
  }
}
