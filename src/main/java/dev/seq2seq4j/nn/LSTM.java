package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code LSTM}, unrolled statically over the (known) number of timesteps.
 *
 * <p>Weights are exactly Keras's: {@code kernel [in, 4u]}, {@code recurrent_kernel [u, 4u]},
 * {@code bias [4u]}, gates in the order i, f, c, o. Per step: {@code z = x·K + h·R + b}; {@code i,
 * f, o = recurrent_activation(z_i, z_f, z_o)}, {@code c~ = activation(z_c)}, {@code c' = f·c +
 * i·c~}, {@code h' = o·activation(c')}.
 *
 * <p>Inputs: {@code x (None, T, in)}, optionally followed by the initial state {@code h (None, u)}
 * and {@code c (None, u)} (Keras's {@code initial_state=[h, c]}). Outputs: the last {@code h} or,
 * with {@code returnSequences}, every step's {@code h}; with {@code returnState} also the final
 * {@code h} and {@code c}.
 *
 * <p>Static unrolling is used because gradients through TensorFlow {@code While} loops fail in
 * TensorFlow Java (GUIDE §3).
 */
public final class LSTM extends Layer {
  private final int units;
  private final boolean returnSequences;
  private final boolean returnState;
  private final boolean goBackwards;
  private final boolean useBias;
  private final boolean unitForgetBias;
  private final Activation activation;
  private final Activation recurrentActivation;
  private final Initializer kernelInitializer;
  private final Initializer recurrentInitializer;
  private final Initializer biasInitializer;

  private LSTM(Builder b) {
    super(b.name);
    if (b.units < 1) {
      throw new IllegalArgumentException("LSTM units must be >= 1, got " + b.units);
    }
    this.units = b.units;
    this.returnSequences = b.returnSequences;
    this.returnState = b.returnState;
    this.goBackwards = b.goBackwards;
    this.useBias = b.useBias;
    this.unitForgetBias = b.unitForgetBias;
    this.activation = b.activation;
    this.recurrentActivation = b.recurrentActivation;
    this.kernelInitializer = b.kernelInitializer;
    this.recurrentInitializer = b.recurrentInitializer;
    this.biasInitializer = b.biasInitializer;
  }

  /** An LSTM with {@code units} units and Keras's defaults. */
  public static Builder builder(int units) {
    return new Builder(units);
  }

  /** The number of units (the size of h and c). */
  public int units() {
    return units;
  }

  /** Whether every step's h is returned rather than only the last. */
  public boolean returnSequences() {
    return returnSequences;
  }

  /** Whether the final h and c are returned as extra outputs. */
  public boolean returnState() {
    return returnState;
  }

  @Override
  public String typeName() {
    return "LSTM";
  }

  @Override
  protected List<long[]> outputShapes(List<long[]> in) {
    if (in.size() != 1 && in.size() != 3) {
      throw new IllegalArgumentException(
          describe() + " takes x or (x, initial h, initial c), got " + in.size() + " inputs");
    }
    long[] x = in.get(0);
    Shapes.requireRank(describe(), x, 2, "x of shape (None, timesteps, features)");
    Shapes.requireKnown(describe() + " input", x);
    for (int i = 1; i < in.size(); i++) {
      long[] s = in.get(i);
      if (s.length != 1 || s[0] != units) {
        throw new IllegalArgumentException(
            describe() + " initial state " + (i == 1 ? "h" : "c") + " must have shape (None, "
                + units + "), got " + Shapes.withBatch(s));
      }
    }
    List<long[]> out = new ArrayList<>();
    out.add(returnSequences ? new long[] {x[0], units} : new long[] {units});
    if (returnState) {
      out.add(new long[] {units});
      out.add(new long[] {units});
    }
    return out;
  }

  @Override
  protected List<WeightSpec> weightSpecs(List<long[]> in) {
    long inDim = in.get(0)[1];
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("kernel", new long[] {inDim, 4L * units}, kernelInitializer));
    w.add(
        new WeightSpec("recurrent_kernel", new long[] {units, 4L * units}, recurrentInitializer));
    if (useBias) {
      Initializer bias =
          unitForgetBias ? Initializers.lstmUnitForgetBias(biasInitializer, units) : biasInitializer;
      w.add(new WeightSpec("bias", new long[] {4L * units}, bias));
    }
    return w;
  }

  @Override
  public List<Operand<TFloat32>> call(
      Ops tf, List<Operand<TFloat32>> inputs, Map<String, Operand<TFloat32>> weights) {
    Operand<TFloat32> x = inputs.get(0);
    long timesteps = x.shape().get(1);
    long inDim = x.shape().get(2);
    Operand<TFloat32> kernel = weights.get("kernel");
    Operand<TFloat32> recurrent = weights.get("recurrent_kernel");

    // One MatMul projects every timestep's input at once; only h·R stays inside the loop.
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, inDim}));
    Operand<TFloat32> projected = tf.linalg.matMul(flat, kernel);
    if (useBias) {
      projected = tf.math.add(projected, weights.get("bias"));
    }
    projected = tf.reshape(projected, tf.constant(new long[] {-1, timesteps, 4L * units}));
    List<Operand<TFloat32>> steps =
        new ArrayList<>(tf.unstack(projected, timesteps, Unstack.axis(1L)).output());

    Operand<TFloat32> h = inputs.size() == 3 ? inputs.get(1) : null;
    Operand<TFloat32> c = inputs.size() == 3 ? inputs.get(2) : null;
    List<Operand<TFloat32>> hs = new ArrayList<>();
    for (int s = 0; s < timesteps; s++) {
      Operand<TFloat32> xz = steps.get(goBackwards ? (int) timesteps - 1 - s : s);
      // With a zero initial state, h·R and f·c vanish: skip them (exactly equal, fewer ops).
      Operand<TFloat32> z = h == null ? xz : tf.math.add(xz, tf.linalg.matMul(h, recurrent));
      Split<TFloat32> gates = tf.split(tf.constant(1), z, 4L);
      Operand<TFloat32> i = recurrentActivation.apply(tf, gates.output().get(0));
      Operand<TFloat32> f = recurrentActivation.apply(tf, gates.output().get(1));
      Operand<TFloat32> candidate = activation.apply(tf, gates.output().get(2));
      Operand<TFloat32> o = recurrentActivation.apply(tf, gates.output().get(3));
      Operand<TFloat32> ic = tf.math.mul(i, candidate);
      c = c == null ? ic : tf.math.add(tf.math.mul(f, c), ic);
      h = tf.math.mul(o, activation.apply(tf, c));
      hs.add(h);
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    out.add(returnSequences ? tf.stack(hs, org.tensorflow.op.core.Stack.axis(1L)) : h);
    if (returnState) {
      out.add(h);
      out.add(c);
    }
    return out;
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> c = super.config();
    c.put("units", units);
    c.put("activation", activation.kerasName());
    c.put("recurrent_activation", recurrentActivation.kerasName());
    c.put("use_bias", useBias);
    c.put("unit_forget_bias", unitForgetBias);
    c.put("return_sequences", returnSequences);
    c.put("return_state", returnState);
    c.put("go_backwards", goBackwards);
    return c;
  }

  /** Configures an {@link LSTM}; the defaults are Keras's. */
  public static final class Builder {
    private final int units;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean useBias = true;
    private boolean unitForgetBias = true;
    private Activation activation = Activation.TANH;
    private Activation recurrentActivation = Activation.SIGMOID;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer recurrentInitializer = Initializers.orthogonal();
    private Initializer biasInitializer = Initializers.zeros();
    private String name;

    private Builder(int units) {
      this.units = units;
    }

    /** Return every step's h, shape (None, T, units) (default false: only the last). */
    public Builder returnSequences(boolean v) {
      this.returnSequences = v;
      return this;
    }

    /** Also return the final h and c (default false). */
    public Builder returnState(boolean v) {
      this.returnState = v;
      return this;
    }

    /** Process the sequence last step first (default false). */
    public Builder goBackwards(boolean v) {
      this.goBackwards = v;
      return this;
    }

    /** Whether to add a bias (default true). */
    public Builder useBias(boolean v) {
      this.useBias = v;
      return this;
    }

    /** Start the forget-gate bias at 1 (default true). */
    public Builder unitForgetBias(boolean v) {
      this.unitForgetBias = v;
      return this;
    }

    /** The cell/output activation by Keras name (default tanh). */
    public Builder activation(String name) {
      this.activation = Activation.byName(name);
      return this;
    }

    /** The gate activation by Keras name (default sigmoid). */
    public Builder recurrentActivation(String name) {
      this.recurrentActivation = Activation.byName(name);
      return this;
    }

    /** The kernel initializer (default glorot_uniform). */
    public Builder kernelInitializer(Initializer init) {
      this.kernelInitializer = init;
      return this;
    }

    /** The recurrent kernel initializer (default orthogonal). */
    public Builder recurrentInitializer(Initializer init) {
      this.recurrentInitializer = init;
      return this;
    }

    /** The bias initializer (default zeros; the forget slice is 1 with unitForgetBias). */
    public Builder biasInitializer(Initializer init) {
      this.biasInitializer = init;
      return this;
    }

    /** The layer name (default: Keras-style, given by the model). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Builds the layer, validating the configuration. */
    public LSTM build() {
      return new LSTM(this);
    }
  }
}
