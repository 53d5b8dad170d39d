package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.WeightSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code SimpleRNNCell}: {@code h' = activation(x·K + b + h·R)} with {@code kernel [in,
 * u]}, {@code recurrent_kernel [u, u]}, {@code bias [u]}. State: {@code [h]}.
 */
public final class SimpleRnnCell extends KerasCell {
  SimpleRnnCell(CellSettings settings) {
    super("simple_rnn_cell", "SimpleRNN", settings);
  }

  @Override
  public String typeName() {
    return "SimpleRNNCell";
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    List<WeightSpec> w = kernels(in, 1);
    if (useBias()) {
      w.add(new WeightSpec("bias", new long[] {units()}, biasInitializer()));
    }
    return w;
  }

  @Override
  public Operand<TFloat32> projectInputs(Ops tf, Operand<TFloat32> x, LayerWeights w) {
    Operand<TFloat32> projected = tf.linalg.matMul(x, w.get("kernel"));
    return useBias() ? tf.math.add(projected, w.get("bias")) : projected;
  }

  @Override
  public Step step(Ops tf, Operand<TFloat32> projected, List<Operand<TFloat32>> states,
      Operand<TFloat32> recurrentDropout, LayerWeights w) {
    Operand<TFloat32> hr =
        recurrentProduct(tf, states.get(0), recurrentDropout, w.get("recurrent_kernel"));
    Operand<TFloat32> out = activation().apply(tf, hr == null ? projected : tf.math.add(projected, hr));
    return new Step(out, List.of(out));
  }
}
