package dev.seq2seq4j.nn.rnn;

/**
 * Keras {@code SimpleRNN}: the {@link Rnn} loop around a {@link SimpleRnnCell}; weights {@code
 * simple_rnn/cell/kernel [in, u]}, {@code recurrent_kernel [u, u]}, {@code bias [u]}; {@code
 * initial_state} is {@code [h]}.
 */
public final class SimpleRNN extends Rnn {
  private SimpleRNN(Builder b) {
    super(b, new SimpleRnnCell(b.cellSettings()));
  }

  /**
   * A SimpleRNN with Keras's defaults.
   *
   * @param units the width of h
   * @return a builder
   */
  public static Builder builder(int units) {
    return new Builder(units);
  }

  @Override
  public SimpleRnnCell cell() {
    return (SimpleRnnCell) super.cell();
  }

  @Override
  public String typeName() {
    return "SimpleRNN";
  }

  @Override
  public Builder toBuilder() {
    SimpleRnnCell c = cell();
    return builder(c.units()).loopOptionsOf(this).cellOptions(c.activation(), c.useBias());
  }

  /** Configures a {@link SimpleRNN}; the defaults are Keras's. */
  public static final class Builder extends Rnn.Builder<Builder> {
    private Builder(int units) {
      super(units);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    public SimpleRNN build() {
      return new SimpleRNN(this);
    }
  }
}
