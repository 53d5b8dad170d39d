package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.Dropouts;
import dev.seq2seq4j.nn.Initializer;
import dev.seq2seq4j.nn.Initializers;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.Shapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code RNN} loop around an {@link RnnCell}, unrolled statically over the (known)
 * number of timesteps: {@code go_backwards}, {@code return_sequences}, {@code return_state},
 * {@code initial_state}, Keras masking and input and recurrent dropout, written once for every
 * cell. {@link LSTM}, {@link GRU} and {@link SimpleRNN} are this loop with their cell.
 *
 * <p>Inputs: {@code x (None, T, features)}, optionally followed by one initial state per cell
 * state ({@code initial_state=[h, c]} for an LSTM). Outputs: the last output or, with {@code
 * returnSequences}, every step's output (in processing order, so reversed in time with {@code
 * goBackwards}, as Keras returns it); with {@code returnState} also the final states.
 *
 * <p>Masked steps (Keras masks, from {@code Masking} or {@code Embedding(mask_zero=True)})
 * carry the previous states and output over unchanged, or output zeros with {@code
 * zero_output_for_mask}, exactly as Keras's backend loop does.
 *
 * <p>Static unrolling is used because gradients through TensorFlow {@code While} loops fail in
 * TensorFlow Java. A graph built with {@link RnnKernel#FUSED} runs the LSTMs that TensorFlow's
 * fused kernel can compute as one op instead ({@link FusedLstm}).
 */
public abstract class Rnn extends Layer {
  private final RnnCell cell;
  private final boolean returnSequences;
  private final boolean returnState;
  private final boolean goBackwards;
  private final boolean zeroOutputForMask;
  private final float dropout;
  private final float recurrentDropout;

  /**
   * @param builder the loop's options
   * @param cell the step maths
   */
  protected Rnn(Builder<?> builder, RnnCell cell) {
    super(builder.name);
    if (!(builder.dropout >= 0 && builder.dropout < 1)
        || !(builder.recurrentDropout >= 0 && builder.recurrentDropout < 1)) {
      throw new IllegalArgumentException("dropout rates must be in [0, 1), got "
          + builder.dropout + " and " + builder.recurrentDropout);
    }
    this.cell = cell;
    this.returnSequences = builder.returnSequences;
    this.returnState = builder.returnState;
    this.goBackwards = builder.goBackwards;
    this.zeroOutputForMask = builder.zeroOutputForMask;
    this.dropout = builder.dropout;
    this.recurrentDropout = builder.recurrentDropout;
  }

  /**
   * The step maths.
   *
   * @return the cell (the child {@code cell})
   */
  public RnnCell cell() {
    return cell;
  }

  /**
   * The number of units (the width of the output and every state).
   *
   * @return the units
   */
  public int units() {
    return cell.units();
  }

  /**
   * Whether every step's output is returned rather than only the last.
   *
   * @return {@code return_sequences}
   */
  public boolean returnSequences() {
    return returnSequences;
  }

  /**
   * Whether the final states are returned as extra outputs.
   *
   * @return {@code return_state}
   */
  public boolean returnState() {
    return returnState;
  }

  /**
   * Whether the sequence is processed last step first.
   *
   * @return {@code go_backwards}
   */
  public boolean goBackwards() {
    return goBackwards;
  }

  /**
   * Whether masked steps output zeros instead of repeating the previous output.
   *
   * @return {@code zero_output_for_mask}
   */
  public boolean zeroOutputForMask() {
    return zeroOutputForMask;
  }

  /**
   * The fraction of input features dropped in training.
   *
   * @return {@code dropout}
   */
  public float dropout() {
    return dropout;
  }

  /**
   * The fraction of the recurrent input dropped in training.
   *
   * @return {@code recurrent_dropout}
   */
  public float recurrentDropout() {
    return recurrentDropout;
  }

  /**
   * How many state tensors the layer carries and returns.
   *
   * @return the cell's state count
   */
  public int stateCount() {
    return cell.stateCount();
  }

  /**
   * A builder holding every option of this layer, for copies (Bidirectional's backward layer).
   *
   * @return a pre-filled builder
   */
  public abstract Builder<?> toBuilder();

  @Override
  public Map<String, Layer> children() {
    return Map.of("cell", cell);
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    int states = cell.stateCount();
    if (in.size() != 1 && in.size() != 1 + states) {
      throw new IllegalArgumentException(describe() + " takes x or x and " + states
          + " initial state(s), got " + in.size() + " inputs");
    }
    long[] x = in.get(0);
    Shapes.requireRank(describe(), x, 2, "x of shape (None, timesteps, features)");
    Shapes.requireKnown(describe() + " input", x);
    int units = cell.units();
    for (int i = 1; i < in.size(); i++) {
      long[] s = in.get(i);
      if (s.length != 1 || s[0] != units) {
        throw new IllegalArgumentException(describe() + " initial state "
            + cell.stateNames().get(i - 1) + " must have shape (None, " + units + "), got " + Shapes.withBatch(s));
      }
    }
    List<long[]> out = new ArrayList<>();
    out.add(returnSequences ? new long[] {x[0], units} : new long[] {units});
    if (returnState) {
      for (int i = 0; i < states; i++) {
        out.add(new long[] {units});
      }
    }
    return out;
  }

  @Override
  protected void buildChildren(List<long[]> in) {
    cell.build(List.of(new long[] {in.get(0)[1]}));
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    List<Operand<TBool>> masks = new ArrayList<>(Collections.nCopies(outputs.size(), null));
    if (returnSequences) {
      masks.set(0, ctx.mask(0));
    }
    return masks;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    Operand<TFloat32> x = inputs.get(0);
    int timesteps = (int) x.shape().get(1);
    long inDim = x.shape().get(2);
    LayerWeights cellWeights = cell.prepare(tf, weights.child("cell"));
    if (dropout > 0) {
      x = Dropouts.sameMaskEveryStep(ctx, x, dropout);
    }
    if (ctx.rnnKernel() == RnnKernel.FUSED
        && FusedLstm.supports(cell, ctx.mask(0) != null, recurrentDropout)) {
      return FusedLstm.call(tf, (LstmCell) cell, cellWeights, x, inputs.subList(1, inputs.size()),
          goBackwards, returnSequences, returnState);
    }
    Operand<TFloat32> recurrentMask = recurrentDropout > 0
        ? Dropouts.trainingMask(ctx, x, cell.units(), recurrentDropout) : null;

    // One MatMul projects every timestep's input at once; only the recurrent part stays in the
    // loop.
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, inDim}));
    Operand<TFloat32> projected = cell.projectInputs(tf, flat, cellWeights);
    long width = projected.shape().get(1);
    projected = tf.reshape(projected, tf.constant(new long[] {-1, timesteps, width}));
    List<Operand<TFloat32>> steps =
        new ArrayList<>(tf.unstack(projected, (long) timesteps, Unstack.axis(1L)).output());
    List<Operand<TBool>> stepMasks = stepMasks(tf, ctx.mask(0), timesteps);

    List<Operand<TFloat32>> states = new ArrayList<>(Collections.nCopies(cell.stateCount(), null));
    for (int i = 1; i < inputs.size(); i++) {
      states.set(i - 1, inputs.get(i));
    }
    Operand<TFloat32> output = null;
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int s = 0; s < timesteps; s++) {
      int t = goBackwards ? timesteps - 1 - s : s;
      RnnCell.Step step = cell.step(tf, steps.get(t), states, recurrentMask, cellWeights);
      if (stepMasks == null) {
        output = step.output();
        states = new ArrayList<>(step.states());
      } else {
        // A masked step keeps the previous states and output (zeros before the first step).
        Operand<TBool> keep = stepMasks.get(t);
        Operand<TFloat32> previous = output == null || zeroOutputForMask
            ? tf.zerosLike(step.output()) : output;
        output = tf.select(keep, step.output(), previous);
        List<Operand<TFloat32>> next = new ArrayList<>();
        for (int k = 0; k < states.size(); k++) {
          Operand<TFloat32> old = states.get(k) == null
              ? tf.zerosLike(step.states().get(k)) : states.get(k);
          next.add(tf.select(keep, step.states().get(k), old));
        }
        states = next;
      }
      outputs.add(output);
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    out.add(returnSequences ? tf.stack(outputs, Stack.axis(1L)) : output);
    if (returnState) {
      out.addAll(states);
    }
    return out;
  }

  /** The mask of each timestep as {@code [batch, 1]} booleans (true = a real step), or null. */
  private static List<Operand<TBool>> stepMasks(Ops tf, Operand<TBool> mask, int timesteps) {
    if (mask == null) {
      return null;
    }
    Operand<TBool> m = tf.expandDims(mask, tf.constant(-1));
    return new ArrayList<>(tf.unstack(m, (long) timesteps, Unstack.axis(1L)).output());
  }

  /**
   * The options every recurrent layer shares, with Keras's defaults: the loop's and the
   * cell's common ones (units, activation, bias, initializers). Each layer's builder adds its
   * cell's own options.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  public abstract static class Builder<B extends Builder<B>> {
    private String name;
    private boolean returnSequences;
    private boolean returnState;
    private boolean goBackwards;
    private boolean zeroOutputForMask;
    private float dropout;
    private float recurrentDropout;
    /** The number of units. */
    protected final int units;
    /** The output activation (default tanh). */
    protected ActivationFunction activation = ActivationFunction.TANH;
    /** Whether to add biases (default true). */
    protected boolean useBias = true;
    /** The kernel initializer (default glorot_uniform). */
    protected Initializer kernelInitializer = Initializers.glorotUniform();
    /** The recurrent kernel initializer (default orthogonal). */
    protected Initializer recurrentInitializer = Initializers.orthogonal();
    /** The bias initializer (default zeros). */
    protected Initializer biasInitializer = Initializers.zeros();

    /**
     * @param units the width of the output and states
     */
    protected Builder(int units) {
      this.units = units;
    }

    /**
     * This builder, typed as the concrete builder.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * Builds the layer, validating the configuration.
     *
     * @return the recurrent layer
     */
    public abstract Rnn build();

    /**
     * The settings every cell takes from this builder.
     *
     * @return the units, activation, bias flag and initializers
     */
    CellSettings cellSettings() {
      return new CellSettings(units, activation, useBias, kernelInitializer,
          recurrentInitializer, biasInitializer);
    }

    /**
     * Copies the cell options shared by every recurrent layer.
     *
     * @param activation the output activation
     * @param useBias whether to add biases
     * @return this builder
     */
    protected B cellOptions(ActivationFunction activation, boolean useBias) {
      this.activation = activation;
      this.useBias = useBias;
      return self();
    }

    /**
     * Return every step's output, shape (None, T, units) (default false: only the last).
     *
     * @param v the option
     * @return this builder
     */
    public B returnSequences(boolean v) {
      this.returnSequences = v;
      return self();
    }

    /**
     * Also return the final states (default false).
     *
     * @param v the option
     * @return this builder
     */
    public B returnState(boolean v) {
      this.returnState = v;
      return self();
    }

    /**
     * Process the sequence last step first (default false).
     *
     * @param v the option
     * @return this builder
     */
    public B goBackwards(boolean v) {
      this.goBackwards = v;
      return self();
    }

    /**
     * Output zeros at masked steps instead of repeating the previous output (default false;
     * Bidirectional sets it when returning sequences, as Keras does).
     *
     * @param v the option
     * @return this builder
     */
    public B zeroOutputForMask(boolean v) {
      this.zeroOutputForMask = v;
      return self();
    }

    /**
     * The fraction of input features to drop in training, one mask for every step (default 0).
     *
     * @param rate in [0, 1)
     * @return this builder
     */
    public B dropout(float rate) {
      this.dropout = rate;
      return self();
    }

    /**
     * The fraction of the previous output to drop where it feeds the recurrent kernel, in
     * training (default 0).
     *
     * @param rate in [0, 1)
     * @return this builder
     */
    public B recurrentDropout(float rate) {
      this.recurrentDropout = rate;
      return self();
    }

    /**
     * The layer name (default: Keras-style, given by the model).
     *
     * @param name the name
     * @return this builder
     */
    public B name(String name) {
      this.name = name;
      return self();
    }

    /**
     * The output activation by Keras name (default tanh).
     *
     * @param name a Keras activation name
     * @return this builder
     */
    public B activation(String name) {
      return activation(ActivationFunction.byName(name));
    }

    /**
     * The output activation (default tanh).
     *
     * @param f the activation
     * @return this builder
     */
    public B activation(ActivationFunction f) {
      this.activation = f;
      return self();
    }

    /**
     * Whether to add biases (default true).
     *
     * @param v the option
     * @return this builder
     */
    public B useBias(boolean v) {
      this.useBias = v;
      return self();
    }

    /**
     * The kernel initializer (default glorot_uniform).
     *
     * @param init the initializer
     * @return this builder
     */
    public B kernelInitializer(Initializer init) {
      this.kernelInitializer = init;
      return self();
    }

    /**
     * The recurrent kernel initializer (default orthogonal).
     *
     * @param init the initializer
     * @return this builder
     */
    public B recurrentInitializer(Initializer init) {
      this.recurrentInitializer = init;
      return self();
    }

    /**
     * The bias initializer (default zeros).
     *
     * @param init the initializer
     * @return this builder
     */
    public B biasInitializer(Initializer init) {
      this.biasInitializer = init;
      return self();
    }

    /**
     * Copies the loop options of an existing layer (for Bidirectional's backward copy).
     *
     * @param other the layer to copy from
     * @return this builder
     */
    public B loopOptionsOf(Rnn other) {
      this.name = other.name();
      this.returnSequences = other.returnSequences;
      this.returnState = other.returnState;
      this.goBackwards = other.goBackwards;
      this.zeroOutputForMask = other.zeroOutputForMask;
      this.dropout = other.dropout;
      this.recurrentDropout = other.recurrentDropout;
      return self();
    }
  }

  /**
   * The options of the gated layers (LSTM, GRU): the cell's options plus the gate activation.
   *
   * @param <B> the concrete builder
   */
  public abstract static class GatedBuilder<B extends GatedBuilder<B>> extends Builder<B> {
    /** The gate activation (default sigmoid). */
    protected ActivationFunction recurrentActivation = ActivationFunction.SIGMOID;

    /**
     * @param units the width of the output and states
     */
    protected GatedBuilder(int units) {
      super(units);
    }

    /**
     * The gate activation by Keras name (default sigmoid).
     *
     * @param name a Keras activation name
     * @return this builder
     */
    public B recurrentActivation(String name) {
      return recurrentActivation(ActivationFunction.byName(name));
    }

    /**
     * The gate activation (default sigmoid).
     *
     * @param f the activation
     * @return this builder
     */
    public B recurrentActivation(ActivationFunction f) {
      this.recurrentActivation = f;
      return self();
    }
  }
}
