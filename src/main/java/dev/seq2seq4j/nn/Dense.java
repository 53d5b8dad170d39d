package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Dense}: {@code activation(x · kernel + bias)} on the last axis, with kernel {@code
 * [in, units]} (glorot_uniform) and bias {@code [units]} (zeros). Like Keras, an input of rank > 2
 * is transformed along its last axis, so {@code Dense} on {@code (None, 4, 16)} gives {@code (None,
 * 4, units)}.
 */
public final class Dense extends Layer {
  private final int units;
  private final ActivationFunction activation;
  private final boolean useBias;

  private Dense(Builder b) {
    super(b.name);
    if (b.units < 1) {
      throw new IllegalArgumentException("Dense units must be >= 1, got " + b.units);
    }
    this.units = b.units;
    this.activation = b.activation;
    this.useBias = b.useBias;
  }

  /** A Dense layer with {@code units} outputs and a linear activation. */
  public static Builder builder(int units) {
    return new Builder(units);
  }

  /** Shorthand for {@code builder(units).activation(activation).build()}. */
  public static Dense of(int units, String activation) {
    return builder(units).activation(activation).build();
  }

  /** The number of outputs. */
  public int units() {
    return units;
  }

  /** The output activation. */
  public ActivationFunction activation() {
    return activation;
  }

  /** Whether the layer adds a bias. */
  public boolean useBias() {
    return useBias;
  }

  @Override
  public String typeName() {
    return "Dense";
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    requireInputCount(in, 1);
    long[] s = in.get(0);
    if (s.length < 1) {
      throw new IllegalArgumentException(describe() + " needs an input of rank >= 2, got (None)");
    }
    Shapes.requireKnown(describe() + " input", s);
    long[] out = s.clone();
    out[out.length - 1] = units;
    return List.of(out);
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    long[] s = in.get(0);
    long inDim = s[s.length - 1];
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("kernel", new long[] {inDim, units}, Initializers.glorotUniform()));
    if (useBias) {
      w.add(new WeightSpec("bias", new long[] {units}, Initializers.zeros()));
    }
    return w;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    int rank = x.shape().numDimensions();
    Operand<TFloat32> kernel = weights.get("kernel");
    long inDim = kernel.shape().get(0);
    Operand<TFloat32> y;
    if (rank == 2) {
      y = tf.linalg.matMul(x, kernel);
    } else {
      // Fold every leading axis into one so a single MatMul does the work, then unfold.
      long[] outShape = x.shape().asArray();
      outShape[0] = -1;
      outShape[outShape.length - 1] = units;
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, inDim}));
      y = tf.reshape(tf.linalg.matMul(flat, kernel), tf.constant(outShape));
    }
    if (useBias) {
      y = tf.math.add(y, weights.get("bias"));
    }
    return List.of(activation.apply(tf, y));
  }


  /** Configures a {@link Dense} layer. */
  public static final class Builder {
    private final int units;
    private ActivationFunction activation = ActivationFunction.LINEAR;
    private boolean useBias = true;
    private String name;

    private Builder(int units) {
      this.units = units;
    }

    /** The activation by Keras name (default linear). */
    public Builder activation(String name) {
      this.activation = ActivationFunction.byName(name);
      return this;
    }

    /** The activation (default linear). */
    public Builder activation(ActivationFunction activation) {
      this.activation = activation;
      return this;
    }

    /** Whether to add a bias (default true). */
    public Builder useBias(boolean useBias) {
      this.useBias = useBias;
      return this;
    }

    /** The layer name (default: Keras-style, given by the model). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Builds the layer, validating the configuration. */
    public Dense build() {
      return new Dense(this);
    }
  }
}
