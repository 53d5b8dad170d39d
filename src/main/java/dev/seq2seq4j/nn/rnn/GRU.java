package dev.seq2seq4j.nn.rnn;

/**
 * Keras {@code GRU}: the {@link Rnn} loop around a {@link GruCell}; weights {@code
 * gru/cell/kernel [in, 3u]}, {@code gru/cell/recurrent_kernel [u, 3u]}, {@code gru/cell/bias}
 * ({@code [2, 3u]} with {@code reset_after}, Keras's default, {@code [3u]} without);
 * {@code initial_state} is {@code [h]}.
 */
public final class GRU extends Rnn {
  private GRU(Builder b) {
    super(b, new GruCell(b.cellSettings(), b.recurrentActivation, b.resetAfter));
  }

  /**
   * A GRU with Keras 3's defaults ({@code reset_after=True}).
   *
   * @param units the width of h
   * @return a builder
   */
  public static Builder builder(int units) {
    return new Builder(units);
  }

  @Override
  public GruCell cell() {
    return (GruCell) super.cell();
  }

  @Override
  public String typeName() {
    return "GRU";
  }

  @Override
  public Builder toBuilder() {
    GruCell c = cell();
    return builder(c.units()).loopOptionsOf(this).cellOptions(c.activation(), c.useBias())
        .recurrentActivation(c.recurrentActivation()).resetAfter(c.resetAfter());
  }

  /** Configures a {@link GRU}; the defaults are Keras 3's. */
  public static final class Builder extends Rnn.GatedBuilder<Builder> {
    private boolean resetAfter = true;

    private Builder(int units) {
      super(units);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * Apply the reset gate after the recurrent product (default true, as Keras 2.3+ and Keras
     * 3; false is Keras 2.0 to 2.2's GRU).
     *
     * @param v the option
     * @return this builder
     */
    public Builder resetAfter(boolean v) {
      this.resetAfter = v;
      return this;
    }

    @Override
    public GRU build() {
      return new GRU(this);
    }
  }
}
