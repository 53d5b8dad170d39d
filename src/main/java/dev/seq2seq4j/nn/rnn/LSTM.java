package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.Initializer;
import dev.seq2seq4j.nn.Initializers;

/**
 * Keras {@code LSTM}: the {@link Rnn} loop around an {@link LstmCell}. Weights are exactly
 * Keras's ({@code lstm/cell/kernel [in, 4u]}, {@code lstm/cell/recurrent_kernel [u, 4u]}, {@code
 * lstm/cell/bias [4u]}, gates i, f, c, o); {@code initial_state} is {@code [h, c]}.
 */
public final class LSTM extends Rnn {
  private LSTM(Builder b) {
    super(b, new LstmCell(b.units, b.activation, b.recurrentActivation, b.useBias,
        b.unitForgetBias, b.kernelInitializer, b.recurrentInitializer, b.biasInitializer));
  }

  /**
   * An LSTM with Keras's defaults.
   *
   * @param units the width of h and c
   * @return a builder
   */
  public static Builder builder(int units) {
    return new Builder(units);
  }

  @Override
  public LstmCell cell() {
    return (LstmCell) super.cell();
  }

  @Override
  public String typeName() {
    return "LSTM";
  }

  /** Configures an {@link LSTM}; the defaults are Keras's. */
  public static final class Builder extends Rnn.Builder<Builder> {
    private final int units;
    private boolean useBias = true;
    private boolean unitForgetBias = true;
    private ActivationFunction activation = ActivationFunction.TANH;
    private ActivationFunction recurrentActivation = ActivationFunction.SIGMOID;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer recurrentInitializer = Initializers.orthogonal();
    private Initializer biasInitializer = Initializers.zeros();

    private Builder(int units) {
      this.units = units;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Whether to add a bias (default true).
     *
     * @param v the option
     * @return this builder
     */
    public Builder useBias(boolean v) {
      this.useBias = v;
      return this;
    }

    /**
     * Start the forget-gate bias at 1 (default true).
     *
     * @param v the option
     * @return this builder
     */
    public Builder unitForgetBias(boolean v) {
      this.unitForgetBias = v;
      return this;
    }

    /**
     * The cell/output activation by Keras name (default tanh).
     *
     * @param name a Keras activation name
     * @return this builder
     */
    public Builder activation(String name) {
      return activation(ActivationFunction.byName(name));
    }

    /**
     * The cell/output activation (default tanh).
     *
     * @param f the activation
     * @return this builder
     */
    public Builder activation(ActivationFunction f) {
      this.activation = f;
      return this;
    }

    /**
     * The gate activation by Keras name (default sigmoid).
     *
     * @param name a Keras activation name
     * @return this builder
     */
    public Builder recurrentActivation(String name) {
      return recurrentActivation(ActivationFunction.byName(name));
    }

    /**
     * The gate activation (default sigmoid).
     *
     * @param f the activation
     * @return this builder
     */
    public Builder recurrentActivation(ActivationFunction f) {
      this.recurrentActivation = f;
      return this;
    }

    /**
     * The kernel initializer (default glorot_uniform).
     *
     * @param init the initializer
     * @return this builder
     */
    public Builder kernelInitializer(Initializer init) {
      this.kernelInitializer = init;
      return this;
    }

    /**
     * The recurrent kernel initializer (default orthogonal).
     *
     * @param init the initializer
     * @return this builder
     */
    public Builder recurrentInitializer(Initializer init) {
      this.recurrentInitializer = init;
      return this;
    }

    /**
     * The bias initializer (default zeros; the forget slice is 1 with unitForgetBias).
     *
     * @param init the initializer
     * @return this builder
     */
    public Builder biasInitializer(Initializer init) {
      this.biasInitializer = init;
      return this;
    }

    /**
     * Builds the layer, validating the configuration.
     *
     * @return the LSTM
     */
    public LSTM build() {
      return new LSTM(this);
    }
  }
}
