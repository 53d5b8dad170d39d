package dev.seq2seq4j.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras's element-wise merge layers, one class for the six: {@code Add}, {@code Subtract},
 * {@code Multiply}, {@code Average}, {@code Maximum}, {@code Minimum}. Inputs share one shape
 * ({@code Subtract} takes exactly two); the output carries the inputs' masks combined with AND,
 * as Keras's merge layers combine them.
 */
public final class Merge extends Layer {
  /** The merge operation, named as the Keras class. */
  public enum Op {
    /** The sum of the inputs. */
    ADD("Add"),
    /** The first input minus the second. */
    SUBTRACT("Subtract"),
    /** The element-wise product. */
    MULTIPLY("Multiply"),
    /** The mean of the inputs. */
    AVERAGE("Average"),
    /** The element-wise maximum. */
    MAXIMUM("Maximum"),
    /** The element-wise minimum. */
    MINIMUM("Minimum");

    private final String kerasClass;

    Op(String kerasClass) {
      this.kerasClass = kerasClass;
    }

    /**
     * The Keras class name.
     *
     * @return e.g. {@code Add}
     */
    public String kerasClass() {
      return kerasClass;
    }
  }

  private final Op op;

  /**
   * A merge layer.
   *
   * @param op what it computes
   * @param name the layer name, or null for a default
   */
  public Merge(Op op, String name) {
    super(name);
    this.op = op;
  }

  /**
   * What the layer computes.
   *
   * @return the operation
   */
  public Op op() {
    return op;
  }

  @Override
  public String typeName() {
    return op.kerasClass();
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    if (in.size() < 2 || op == Op.SUBTRACT && in.size() != 2) {
      throw new IllegalArgumentException(describe() + " needs "
          + (op == Op.SUBTRACT ? "exactly two" : "at least two") + " inputs, got " + in.size());
    }
    for (long[] s : in) {
      if (!Arrays.equals(s, in.get(0))) {
        throw new IllegalArgumentException(describe() + " needs inputs of one shape, got "
            + Shapes.withBatch(in.get(0)) + " and " + Shapes.withBatch(s));
      }
    }
    return List.of(in.get(0).clone());
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> out = inputs.get(0);
    for (Operand<TFloat32> x : inputs.subList(1, inputs.size())) {
      out = switch (op) {
        case ADD, AVERAGE -> tf.math.add(out, x);
        case SUBTRACT -> tf.math.sub(out, x);
        case MULTIPLY -> tf.math.mul(out, x);
        case MAXIMUM -> tf.math.maximum(out, x);
        case MINIMUM -> tf.math.minimum(out, x);
      };
    }
    if (op == Op.AVERAGE) {
      out = tf.math.div(out, tf.constant((float) inputs.size()));
    }
    return List.of(out);
  }

  @Override
  public List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    return Collections.singletonList(Masks.all(ctx.tf(), ctx.masks()));
  }

  @Override
  public String defaultNamePrefix() {
    return op.kerasClass().toLowerCase(Locale.ROOT);
  }
}
