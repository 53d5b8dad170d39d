package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.Initializer;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code SimpleRNNCell}: {@code h' = activation(x·K + b + h·R)} with {@code kernel [in,
 * u]}, {@code recurrent_kernel [u, u]}, {@code bias [u]}. State: {@code [h]}.
 */
public final class SimpleRnnCell extends RnnCell {
  private final int units;
  private final ActivationFunction activation;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer recurrentInitializer;
  private final Initializer biasInitializer;

  SimpleRnnCell(int units, ActivationFunction activation, boolean useBias,
      Initializer kernelInitializer, Initializer recurrentInitializer, Initializer biasInitializer) {
    super("simple_rnn_cell");
    if (units < 1) {
      throw new IllegalArgumentException("SimpleRNN units must be >= 1, got " + units);
    }
    this.units = units;
    this.activation = activation;
    this.useBias = useBias;
    this.kernelInitializer = kernelInitializer;
    this.recurrentInitializer = recurrentInitializer;
    this.biasInitializer = biasInitializer;
  }

  @Override
  public String typeName() {
    return "SimpleRNNCell";
  }

  @Override
  public int units() {
    return units;
  }

  @Override
  public int stateCount() {
    return 1;
  }

  /**
   * The output activation.
   *
   * @return {@code activation} (default tanh)
   */
  public ActivationFunction activation() {
    return activation;
  }

  /**
   * Whether the cell adds a bias.
   *
   * @return {@code use_bias}
   */
  public boolean useBias() {
    return useBias;
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("kernel", new long[] {inputDim(in), units}, kernelInitializer));
    w.add(new WeightSpec("recurrent_kernel", new long[] {units, units}, recurrentInitializer));
    if (useBias) {
      w.add(new WeightSpec("bias", new long[] {units}, biasInitializer));
    }
    return w;
  }

  @Override
  public Operand<TFloat32> projectInputs(Ops tf, Operand<TFloat32> x, LayerWeights w) {
    Operand<TFloat32> projected = tf.linalg.matMul(x, w.get("kernel"));
    return useBias ? tf.math.add(projected, w.get("bias")) : projected;
  }

  @Override
  public Step step(Ops tf, Operand<TFloat32> projected, List<Operand<TFloat32>> states,
      Operand<TFloat32> recurrentDropout, LayerWeights w) {
    Operand<TFloat32> hr =
        recurrentProduct(tf, states.get(0), recurrentDropout, w.get("recurrent_kernel"));
    Operand<TFloat32> out = activation.apply(tf, hr == null ? projected : tf.math.add(projected, hr));
    return new Step(out, List.of(out));
  }
}
