package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.Initializer;
import dev.seq2seq4j.nn.WeightSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell shaped as Keras's built-in ones: {@code kernel [in, gates * units]}, {@code
 * recurrent_kernel [units, gates * units]} and an optional {@code bias}, with the settings of
 * {@link CellSettings}. Subclasses add their step maths and the bias's shape.
 */
public abstract class KerasCell extends RnnCell {
  private final CellSettings settings;

  /**
   * @param name the cell's Keras name ({@code lstm_cell}, ...)
   * @param layerType the layer's Keras class, for the message when units are not positive
   * @param settings the shared settings
   */
  KerasCell(String name, String layerType, CellSettings settings) {
    super(name);
    if (settings.units() < 1) {
      throw new IllegalArgumentException(
          layerType + " units must be >= 1, got " + settings.units());
    }
    this.settings = settings;
  }

  @Override
  public final int units() {
    return settings.units();
  }

  /**
   * The output activation ({@code activation}; for LSTM and GRU also the candidate's).
   *
   * @return the activation (default tanh)
   */
  public final ActivationFunction activation() {
    return settings.activation();
  }

  /**
   * Whether the cell adds biases.
   *
   * @return {@code use_bias}
   */
  public final boolean useBias() {
    return settings.useBias();
  }

  /**
   * How the bias starts, before any cell-specific adjustment (an LSTM's unit forget bias).
   *
   * @return the bias initializer
   */
  protected final Initializer biasInitializer() {
    return settings.biasInitializer();
  }

  /**
   * The kernel and recurrent kernel for {@code gates} stacked gates, in Keras's order; the
   * caller adds the bias.
   *
   * @param in the input shapes
   * @param gates how many gates the kernels stack (4 for an LSTM, 3 for a GRU, 1 for SimpleRNN)
   * @return a mutable list of the two weight specs
   */
  protected final List<WeightSpec> kernels(List<long[]> in, int gates) {
    long width = (long) gates * units();
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("kernel", new long[] {inputDim(in), width},
        settings.kernelInitializer()));
    w.add(new WeightSpec("recurrent_kernel", new long[] {units(), width},
        settings.recurrentInitializer()));
    return w;
  }
}
