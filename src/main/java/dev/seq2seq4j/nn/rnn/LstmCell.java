package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.Initializer;
import dev.seq2seq4j.nn.Initializers;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.WeightSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code LSTMCell}: weights {@code kernel [in, 4u]}, {@code recurrent_kernel [u, 4u]},
 * {@code bias [4u]}, gates in the order i, f, c, o. Per step: {@code z = x·K + h·R + b}; {@code
 * i, f, o = recurrent_activation(z_i, z_f, z_o)}, {@code c~ = activation(z_c)}, {@code c' = f·c
 * + i·c~}, {@code h' = o·activation(c')}. States: {@code [h, c]}.
 */
public final class LstmCell extends KerasCell {
  private final ActivationFunction recurrentActivation;
  private final boolean unitForgetBias;

  LstmCell(CellSettings settings, ActivationFunction recurrentActivation,
      boolean unitForgetBias) {
    super("lstm_cell", "LSTM", settings);
    this.recurrentActivation = recurrentActivation;
    this.unitForgetBias = unitForgetBias;
  }

  @Override
  public String typeName() {
    return "LSTMCell";
  }

  @Override
  public int stateCount() {
    return 2;
  }

  /**
   * The gate activation.
   *
   * @return {@code recurrent_activation} (default sigmoid)
   */
  public ActivationFunction recurrentActivation() {
    return recurrentActivation;
  }

  /**
   * Whether the forget-gate bias starts at 1.
   *
   * @return {@code unit_forget_bias}
   */
  public boolean unitForgetBias() {
    return unitForgetBias;
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    List<WeightSpec> w = kernels(in, 4);
    if (useBias()) {
      Initializer bias = unitForgetBias
          ? Initializers.lstmUnitForgetBias(biasInitializer(), units()) : biasInitializer();
      w.add(new WeightSpec("bias", new long[] {4L * units()}, bias));
    }
    return w;
  }

  @Override
  public Operand<TFloat32> projectInputs(Ops tf, Operand<TFloat32> x, LayerWeights weights) {
    Operand<TFloat32> projected = tf.linalg.matMul(x, weights.get("kernel"));
    return useBias() ? tf.math.add(projected, weights.get("bias")) : projected;
  }

  @Override
  public Step step(Ops tf, Operand<TFloat32> projected, List<Operand<TFloat32>> states,
      Operand<TFloat32> recurrentDropout, LayerWeights weights) {
    Operand<TFloat32> h = states.get(0);
    Operand<TFloat32> c = states.get(1);
    // With a zero state, h·R and f·c vanish: they are skipped (exactly equal, fewer ops).
    Operand<TFloat32> hr =
        recurrentProduct(tf, h, recurrentDropout, weights.get("recurrent_kernel"));
    Operand<TFloat32> z = hr == null ? projected : tf.math.add(projected, hr);
    Split<TFloat32> gates = tf.split(tf.constant(1), z, 4L);
    Operand<TFloat32> i = recurrentActivation.apply(tf, gates.output().get(0));
    Operand<TFloat32> f = recurrentActivation.apply(tf, gates.output().get(1));
    Operand<TFloat32> candidate = activation().apply(tf, gates.output().get(2));
    Operand<TFloat32> o = recurrentActivation.apply(tf, gates.output().get(3));
    Operand<TFloat32> ic = tf.math.mul(i, candidate);
    Operand<TFloat32> cNext = c == null ? ic : tf.math.add(tf.math.mul(f, c), ic);
    Operand<TFloat32> hNext = tf.math.mul(o, activation().apply(tf, cNext));
    return new Step(hNext, List.of(hNext, cNext));
  }
}
