package dev.seq2seq4j.interop;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Weights;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TFloat32;

/**
 * An independent float32 reference for a teacher-forced encoder-decoder: TensorFlow's fused LSTM
 * kernel ({@code BlockLSTMV2}, the C++ cell TensorFlow 1 Keras used, with Keras's i, f, c, o
 * layout) instead of this project's unrolled graph, then Dense + softmax.
 */
final class FusedLstmReference {
  private FusedLstmReference() {}

  /** Decoder probabilities [n, targetSteps, vocab] for source [n, S, V] and decoder input [n, T, V]. */
  static float[] run(Weights w, FloatBlock source, FloatBlock decoderInput,
      String enc, String dec, String dense) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      int n = source.rows();
      BlockLSTM<TFloat32> e = lstm(tf, w, enc, timeMajor(tf, source), null, null, n);
      long encSteps = source.shape()[1];
      Operand<TFloat32> h = last(tf, e.h(), encSteps);
      Operand<TFloat32> c = last(tf, e.cs(), encSteps);
      BlockLSTM<TFloat32> d = lstm(tf, w, dec, timeMajor(tf, decoderInput), h, c, n);
      long units = w.get(dec + "/cell/bias").shape()[0] / 4;
      Operand<TFloat32> hs = tf.reshape(
          tf.linalg.transpose(d.h(), tf.constant(new int[] {1, 0, 2})), tf.constant(new long[] {-1, units}));
      Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(hs, constant(tf, w.get(dense + "/kernel"))),
          constant(tf, w.get(dense + "/bias")));
      try (Result r = s.runner().fetch(tf.nn.softmax(logits)).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] out = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }

  private static BlockLSTM<TFloat32> lstm(Ops tf, Weights w, String layer,
      Operand<TFloat32> x, Operand<TFloat32> h0, Operand<TFloat32> c0, int n) {
    FloatBlock bias = w.get(layer + "/cell/bias");
    int units = (int) bias.shape()[0] / 4;
    Operand<TFloat32> zerosState = tf.zeros(tf.constant(new long[] {n, units}), TFloat32.class);
    Operand<TFloat32> zerosPeep = tf.zeros(tf.constant(new long[] {units}), TFloat32.class);
    Operand<TFloat32> kernel = tf.concat(List.of(constant(tf, w.get(layer + "/cell/kernel")),
        constant(tf, w.get(layer + "/cell/recurrent_kernel"))), tf.constant(0));
    return tf.nn.blockLSTM(tf.constant(x.shape().get(0)), x,
        c0 == null ? zerosState : c0, h0 == null ? zerosState : h0, kernel,
        zerosPeep, zerosPeep, zerosPeep, constant(tf, bias),
        BlockLSTM.cellClip(-1f), BlockLSTM.usePeephole(false));
  }

  private static Operand<TFloat32> last(Ops tf, Operand<TFloat32> seq, long steps) {
    return tf.squeeze(tf.slice(seq, tf.constant(new long[] {steps - 1, 0, 0}),
        tf.constant(new long[] {1, -1, -1})), org.tensorflow.op.core.Squeeze.axis(List.of(0L)));
  }

  private static Operand<TFloat32> timeMajor(Ops tf, FloatBlock b) {
    return tf.linalg.transpose(constant(tf, b), tf.constant(new int[] {1, 0, 2}));
  }

  private static Operand<TFloat32> constant(Ops tf, FloatBlock b) {
    return tf.constant(Shape.of(b.shape()), DataBuffers.of(b.data(), true, false));
  }
}
