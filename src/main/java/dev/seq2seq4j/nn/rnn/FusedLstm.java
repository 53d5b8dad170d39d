package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.LayerWeights;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.op.nn.BlockLSTMGrad;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * An LSTM layer as TensorFlow's fused {@code BlockLSTMV2} kernel ({@link RnnKernel#FUSED}): the
 * whole sequence in one op, whose gradient is one {@code BlockLSTMGradV2} op.
 *
 * <p>{@code BlockLSTMV2} uses Keras's gate order (i, f, c, o) and no forget bias of its own,
 * so Keras's weights go in as they are: {@code w = [kernel; recurrent_kernel]}, {@code b =
 * bias}. TensorFlow registers no gradient for it; {@link #registerGradient()} adds one from
 * Java, once per JVM.
 */
final class FusedLstm {
  private static boolean gradientRegistered;

  private FusedLstm() {}

  /**
   * Whether the fused kernel computes exactly this layer's maths: it knows only sigmoid gates
   * and tanh activations, and has no masks or recurrent dropout.
   *
   * @param cell the layer's cell
   * @param masked whether the input carries a Keras mask
   * @param recurrentDropout the layer's recurrent dropout rate
   * @return true if {@link #call} may be used
   */
  static boolean supports(RnnCell cell, boolean masked, float recurrentDropout) {
    return cell instanceof LstmCell lstm
        && lstm.activation() == ActivationFunction.TANH
        && lstm.recurrentActivation() == ActivationFunction.SIGMOID
        && !masked
        && recurrentDropout == 0;
  }

  /**
   * The layer's outputs, computed by one fused op.
   *
   * @param tf the layer's ops builder
   * @param cell the cell (a {@link LstmCell} that {@link #supports} accepted)
   * @param weights the cell's weights
   * @param x the input sequence {@code [batch, T, features]} (input dropout already applied)
   * @param initial {@code [h, c]}, or an empty list for zero states
   * @param goBackwards whether to process the last step first
   * @param returnSequences whether to return every step's output
   * @param returnState whether to append the final {@code h} and {@code c}
   * @return as {@link Rnn#call}: the output, then the final states if asked for
   */
  static List<Operand<TFloat32>> call(Ops tf, LstmCell cell, LayerWeights weights,
      Operand<TFloat32> x, List<Operand<TFloat32>> initial, boolean goBackwards,
      boolean returnSequences, boolean returnState) {
    registerGradient();
    int units = cell.units();
    long timesteps = x.shape().get(1);
    Operand<TFloat32> timeMajor = tf.linalg.transpose(x, tf.constant(new int[] {1, 0, 2}));
    if (goBackwards) {
      timeMajor = tf.reverse(timeMajor, tf.constant(new int[] {0}));
    }
    Operand<TFloat32> h0;
    Operand<TFloat32> c0;
    if (initial.isEmpty()) {
      Operand<TInt32> batch =
          tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
      Operand<TFloat32> zeros = tf.zeros(
          tf.concat(List.of(batch, tf.constant(new int[] {units})), tf.constant(0)),
          TFloat32.class);
      h0 = zeros;
      c0 = zeros;
    } else {
      h0 = initial.get(0);
      c0 = initial.get(1);
    }
    Operand<TFloat32> w = tf.concat(
        List.of(weights.get("kernel"), weights.get("recurrent_kernel")), tf.constant(0));
    Operand<TFloat32> bias = cell.useBias()
        ? weights.get("bias") : tf.zeros(tf.constant(new long[] {4L * units}), TFloat32.class);
    Operand<TFloat32> noPeephole = tf.zeros(tf.constant(new long[] {units}), TFloat32.class);
    BlockLSTM<TFloat32> block = tf.nn.blockLSTM(tf.constant(timesteps), timeMajor, c0, h0, w,
        noPeephole, noPeephole, noPeephole, bias,
        BlockLSTM.cellClip(-1f), BlockLSTM.usePeephole(false));
    List<Operand<TFloat32>> out = new ArrayList<>();
    Operand<TFloat32> lastH = lastStep(tf, block.h(), timesteps);
    out.add(returnSequences
        ? tf.linalg.transpose(block.h(), tf.constant(new int[] {1, 0, 2})) : lastH);
    if (returnState) {
      out.add(lastH);
      out.add(lastStep(tf, block.cs(), timesteps));
    }
    return out;
  }

  /** Step {@code T - 1} of a time-major {@code [T, batch, units]} sequence. */
  private static Operand<TFloat32> lastStep(Ops tf, Operand<TFloat32> seq, long timesteps) {
    // int32 indices: Slice's C++ gradient subtracts them from an int32 shape.
    Operand<TFloat32> slice = tf.slice(seq, tf.constant(new int[] {(int) timesteps - 1, 0, 0}),
        tf.constant(new int[] {1, -1, -1}));
    return tf.squeeze(slice, Squeeze.axis(List.of(0L)));
  }

  /**
   * Registers {@code BlockLSTMV2}'s gradient ({@code BlockLSTMGradV2}) with TensorFlow, once.
   * Only {@code h} and {@code cs} feed later ops, so only their gradients flow in; the gate
   * outputs the kernel also returns are its own intermediate values.
   */
  static synchronized void registerGradient() {
    if (gradientRegistered) {
      return;
    }
    TensorFlow.registerCustomGradient(BlockLSTM.OP_NAME, (tf, op, grads) -> {
      // op.input(i), not op.inputs(): inputs() looks operations up by name, which needs the
      // graph lock that TensorFlow already holds while it builds gradients (a deadlock).
      List<Operand<TFloat32>> in = new ArrayList<>();
      for (int k = 1; k < op.numInputs(); k++) {
        in.add(float32(op.input(k)));
      }
      @SuppressWarnings("unchecked")
      Operand<TInt64> seqLen = (Operand<TInt64>) op.input(0);
      Output<?>[] outputs = op.outputList(0, 7);
      List<Operand<TFloat32>> o = new ArrayList<>();
      for (Output<?> out : outputs) {
        o.add(float32(out));
      }
      Operand<TFloat32> csGrad = gradOrZeros(tf, grads.get(1), o.get(1));
      Operand<TFloat32> hGrad = gradOrZeros(tf, grads.get(6), o.get(6));
      BlockLSTMGrad<TFloat32> g = tf.nn.blockLSTMGrad(seqLen, in.get(0), in.get(1), in.get(2),
          in.get(3), in.get(4), in.get(5), in.get(6), in.get(7), o.get(0), o.get(1), o.get(2),
          o.get(3), o.get(4), o.get(5), o.get(6), csGrad, hGrad,
          op.attributes().getAttrBool("use_peephole"));
      List<Operand<?>> result = new ArrayList<>();
      result.add(tf.zerosLike(seqLen));
      result.add(g.xGrad());
      result.add(g.csPrevGrad());
      result.add(g.hPrevGrad());
      result.add(g.wGrad());
      result.add(g.wciGrad());
      result.add(g.wcfGrad());
      result.add(g.wcoGrad());
      result.add(g.bGrad());
      return result;
    });
    // False means a gradient for the op exists already (registered by other code in this JVM),
    // which serves as well.
    gradientRegistered = true;
  }

  /** The incoming gradient, or zeros where no later op used that output. */
  private static Operand<TFloat32> gradOrZeros(Ops tf, Output<?> grad, Operand<TFloat32> like) {
    return grad == null || grad.isClosed() ? tf.zerosLike(like) : float32(grad);
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> float32(Output<?> output) {
    return (Operand<TFloat32>) output;
  }
}
