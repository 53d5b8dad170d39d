package dev.seq2seq4j.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;

/** Combining Keras masks. */
public final class Masks {
  private Masks() {}

  /**
   * The AND of the masks that are present, as Keras's merge layers combine their inputs' masks.
   *
   * @param tf the ops builder
   * @param masks the inputs' masks, {@code null} where an input has none
   * @return the combined mask, or {@code null} if no input has one
   */
  public static Operand<TBool> all(Ops tf, List<Operand<TBool>> masks) {
    Operand<TBool> out = null;
    for (Operand<TBool> m : masks) {
      if (m != null) {
        out = out == null ? m : tf.math.logicalAnd(out, m);
      }
    }
    return out;
  }
}
