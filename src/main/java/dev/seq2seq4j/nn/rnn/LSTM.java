package dev.seq2seq4j.nn.rnn;

/**
 * Keras {@code LSTM}: the {@link Rnn} loop around an {@link LstmCell}. Weights are exactly
 * Keras's ({@code lstm/cell/kernel [in, 4u]}, {@code lstm/cell/recurrent_kernel [u, 4u]}, {@code
 * lstm/cell/bias [4u]}, gates i, f, c, o); {@code initial_state} is {@code [h, c]}.
 */
public final class LSTM extends Rnn {
  private LSTM(Builder b) {
    super(b, new LstmCell(b.cellSettings(), b.recurrentActivation, b.unitForgetBias));
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

  @Override
  public Builder toBuilder() {
    LstmCell c = cell();
    return builder(c.units()).loopOptionsOf(this).cellOptions(c.activation(), c.useBias())
        .recurrentActivation(c.recurrentActivation()).unitForgetBias(c.unitForgetBias());
  }

  /** Configures an {@link LSTM}; the defaults are Keras's. */
  public static final class Builder extends Rnn.GatedBuilder<Builder> {
    private boolean unitForgetBias = true;

    private Builder(int units) {
      super(units);
    }

    @Override
    protected Builder self() {
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

    @Override
    public LSTM build() {
      return new LSTM(this);
    }
  }
}
