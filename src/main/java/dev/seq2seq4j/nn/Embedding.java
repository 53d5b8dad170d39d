package dev.seq2seq4j.nn;

import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras {@code Embedding(input_dim, output_dim, mask_zero)}: looks token indices up in {@code
 * embeddings [input_dim, output_dim]} (uniform in [-0.05, 0.05) at first), turning {@code (None,
 * T)} indices into {@code (None, T, output_dim)} vectors. Inputs may be int32 or float (cast to
 * int32 as Keras does). With {@code mask_zero}, index 0 is padding: the output carries the mask
 * {@code indices != 0} for the recurrent layers that follow.
 */
public final class Embedding extends Layer {
  private final int inputDim;
  private final int outputDim;
  private final boolean maskZero;
  private final Initializer initializer;

  /**
   * An embedding with Keras's default initializer.
   *
   * @param inputDim the vocabulary size
   * @param outputDim the vector width
   * @param maskZero whether index 0 means padding
   * @param name the layer name, or null for a default
   */
  public Embedding(int inputDim, int outputDim, boolean maskZero, String name) {
    this(inputDim, outputDim, maskZero, Initializers.uniform(-0.05, 0.05), name);
  }

  /**
   * An embedding.
   *
   * @param inputDim the vocabulary size
   * @param outputDim the vector width
   * @param maskZero whether index 0 means padding
   * @param initializer the embeddings' initializer
   * @param name the layer name, or null for a default
   */
  public Embedding(int inputDim, int outputDim, boolean maskZero, Initializer initializer,
      String name) {
    super(name);
    if (inputDim < 1 || outputDim < 1) {
      throw new IllegalArgumentException(
          "Embedding sizes must be >= 1, got input_dim " + inputDim + ", output_dim " + outputDim);
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.maskZero = maskZero;
    this.initializer = initializer;
  }

  /**
   * The vocabulary size.
   *
   * @return {@code input_dim}
   */
  public int inputDim() {
    return inputDim;
  }

  /**
   * The vector width.
   *
   * @return {@code output_dim}
   */
  public int outputDim() {
    return outputDim;
  }

  /**
   * Whether index 0 means padding.
   *
   * @return {@code mask_zero}
   */
  public boolean maskZero() {
    return maskZero;
  }

  @Override
  public String typeName() {
    return "Embedding";
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    Shapes.requireKnown(describe() + " input", s);
    long[] out = java.util.Arrays.copyOf(s, s.length + 1);
    out[s.length] = outputDim;
    return List.of(out);
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    return List.of(new WeightSpec("embeddings", new long[] {inputDim, outputDim}, initializer));
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TInt32> ids = tf.dtypes.cast(inputs.get(0), TInt32.class);
    return List.of(tf.gather(weights.get("embeddings"), ids, tf.constant(0)));
  }

  @Override
  public List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    if (!maskZero) {
      return Collections.singletonList(null);
    }
    Ops tf = ctx.tf();
    return List.of(tf.math.notEqual(inputs.get(0), tf.constant(0f)));
  }
}
