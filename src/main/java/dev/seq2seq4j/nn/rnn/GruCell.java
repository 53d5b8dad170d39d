package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.WeightSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code GRUCell}: weights {@code kernel [in, 3u]}, {@code recurrent_kernel [u, 3u]},
 * gates in the order z (update), r (reset), h (candidate), and a bias that depends on {@code
 * reset_after}:
 *
 * <ul>
 *   <li>{@code reset_after=True} (Keras 2.3+ and Keras 3's default, cuDNN-compatible): bias
 *       {@code [2, 3u]}, row 0 for the input side, row 1 for the recurrent side; {@code hh =
 *       activation(x_h + r * (h·R_h + b_rh))}.
 *   <li>{@code reset_after=False} (Keras 2.0 to 2.2): bias {@code [3u]}; {@code hh =
 *       activation(x_h + (r * h)·R_h)}.
 * </ul>
 *
 * Then {@code h' = z * h + (1 - z) * hh}. State: {@code [h]}.
 */
public final class GruCell extends KerasCell {
  private final ActivationFunction recurrentActivation;
  private final boolean resetAfter;

  GruCell(CellSettings settings, ActivationFunction recurrentActivation, boolean resetAfter) {
    super("gru_cell", "GRU", settings);
    this.recurrentActivation = recurrentActivation;
    this.resetAfter = resetAfter;
  }

  @Override
  public String typeName() {
    return "GRUCell";
  }

  @Override
  public int stateCount() {
    return 1;
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
   * Whether the reset gate applies after the recurrent product.
   *
   * @return {@code reset_after}
   */
  public boolean resetAfter() {
    return resetAfter;
  }

  @Override
  public List<WeightSpec> weightSpecs(List<long[]> in) {
    List<WeightSpec> w = kernels(in, 3);
    if (useBias()) {
      long[] shape = resetAfter ? new long[] {2, 3L * units()} : new long[] {3L * units()};
      w.add(new WeightSpec("bias", shape, biasInitializer()));
    }
    return w;
  }

  @Override
  public LayerWeights prepare(Ops tf, LayerWeights w) {
    Operand<TFloat32> r = w.get("recurrent_kernel");
    LayerWeights p = w;
    if (useBias() && resetAfter) {
      Operand<TFloat32> b = w.get("bias");
      p = p.with("input_bias", row(tf, b, 0)).with("recurrent_bias", row(tf, b, 1));
    } else if (useBias()) {
      p = p.with("input_bias", w.get("bias"));
    }
    if (!resetAfter) {
      // int32 bounds: the gradient of Slice subtracts them from an int32 shape.
      p = p.with("recurrent_zr", tf.slice(r, tf.constant(new int[] {0, 0}),
              tf.constant(new int[] {units(), 2 * units()})))
          .with("recurrent_h", tf.slice(r, tf.constant(new int[] {0, 2 * units()}),
              tf.constant(new int[] {units(), units()})));
    }
    return p;
  }

  private static Operand<TFloat32> row(Ops tf, Operand<TFloat32> b, int i) {
    return tf.reshape(tf.slice(b, tf.constant(new int[] {i, 0}), tf.constant(new int[] {1, -1})),
        tf.constant(new long[] {-1}));
  }

  @Override
  public Operand<TFloat32> projectInputs(Ops tf, Operand<TFloat32> x, LayerWeights w) {
    Operand<TFloat32> projected = tf.linalg.matMul(x, w.get("kernel"));
    return useBias() ? tf.math.add(projected, w.get("input_bias")) : projected;
  }

  @Override
  public Step step(Ops tf, Operand<TFloat32> projected, List<Operand<TFloat32>> states,
      Operand<TFloat32> recurrentDropout, LayerWeights w) {
    Operand<TFloat32> h = states.get(0);
    Split<TFloat32> xs = tf.split(tf.constant(1), projected, 3L);
    Operand<TFloat32> xz = xs.output().get(0);
    Operand<TFloat32> xr = xs.output().get(1);
    Operand<TFloat32> xh = xs.output().get(2);
    Operand<TFloat32> z;
    Operand<TFloat32> r;
    Operand<TFloat32> hh;
    if (resetAfter) {
      // h·R + recurrent bias, all three gates at once; with h still zero only the bias is left.
      Operand<TFloat32> inner = recurrentProduct(tf, h, recurrentDropout, w.get("recurrent_kernel"));
      if (useBias()) {
        inner = inner == null ? w.get("recurrent_bias") : tf.math.add(inner, w.get("recurrent_bias"));
      }
      if (inner == null) {
        z = recurrentActivation.apply(tf, xz);
        r = recurrentActivation.apply(tf, xr);
        hh = activation().apply(tf, xh);
      } else {
        Split<TFloat32> rs = tf.split(tf.constant(-1), inner, 3L);
        z = recurrentActivation.apply(tf, tf.math.add(xz, rs.output().get(0)));
        r = recurrentActivation.apply(tf, tf.math.add(xr, rs.output().get(1)));
        hh = activation().apply(tf, tf.math.add(xh, tf.math.mul(r, rs.output().get(2))));
      }
    } else {
      Operand<TFloat32> inner = recurrentProduct(tf, h, recurrentDropout, w.get("recurrent_zr"));
      if (inner == null) {
        z = recurrentActivation.apply(tf, xz);
        hh = activation().apply(tf, xh);
      } else {
        Split<TFloat32> rs = tf.split(tf.constant(1), inner, 2L);
        z = recurrentActivation.apply(tf, tf.math.add(xz, rs.output().get(0)));
        r = recurrentActivation.apply(tf, tf.math.add(xr, rs.output().get(1)));
        Operand<TFloat32> hIn = recurrentDropout == null ? h : tf.math.mul(h, recurrentDropout);
        hh = activation().apply(tf,
            tf.math.add(xh, tf.linalg.matMul(tf.math.mul(r, hIn), w.get("recurrent_h"))));
      }
    }
    // h' = z * h + (1 - z) * hh, written as Keras writes it.
    Operand<TFloat32> keep = tf.math.mul(tf.math.sub(tf.constant(1f), z), hh);
    Operand<TFloat32> next = h == null ? keep : tf.math.add(tf.math.mul(z, h), keep);
    return new Step(next, List.of(next));
  }
}
