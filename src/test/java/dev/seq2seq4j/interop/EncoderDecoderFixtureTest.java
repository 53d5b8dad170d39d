package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.GreedyDecoder;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Losses;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The teacher-forced addition encoder-decoder from a TF2 object checkpoint plus its HDF5 config
 * (fixtures README): rebuilt natively, checked against a float64 reference implementation, and
 * measured by greedy decoding on fresh problems in its own encoding.
 */
class EncoderDecoderFixtureTest {
  private static final String VOCAB = "0123456789+\t\n ";
  private static final int V = 14;
  private static final int SOURCE_STEPS = 6;
  private static final int TARGET_STEPS = 5;

  private static ImportedModel importFixture() {
    Path dir = Fixtures.additionEncoderDecoder();
    JsonNode config = KerasConfigSource.fromFile(dir.resolve("saved_models/v1.h5"));
    return ImportedModel.fromCheckpoint(config, dir.resolve("weights/v1.weights"),
        Map.of("Encoder_Input", new long[] {SOURCE_STEPS, V},
            "Decoder_Input", new long[] {TARGET_STEPS, V}));
  }

  /** "a+b" right-justified to 5 characters, then '\n'. */
  static String source(int a, int b) {
    return String.format(Locale.ROOT, "%5s", a + "+" + b) + "\n";
  }

  /** The decoder's teacher-forced input: '\t' then the sum right-justified to 4. */
  static String shiftedTarget(int sum) {
    return "\t" + String.format(Locale.ROOT, "%4d", sum);
  }

  static void oneHot(String s, float[] into, int offset) {
    for (int t = 0; t < s.length(); t++) {
      into[offset + t * V + VOCAB.indexOf(s.charAt(t))] = 1f;
    }
  }

  @Test
  void nativeRebuildMatchesIndependentReferences() {
    ImportedModel imported = importFixture();
    assertEquals(List.of("Encoder_Input", "Decoder_Input"), imported.model().inputNames());
    int n = 64;
    SplittableRandom rnd = new SplittableRandom(11);
    float[] src = new float[n * SOURCE_STEPS * V];
    float[] dec = new float[n * TARGET_STEPS * V];
    for (int r = 0; r < n; r++) {
      int a = rnd.nextInt(99);
      int b = rnd.nextInt(99);
      oneHot(source(a, b), src, r * SOURCE_STEPS * V);
      oneHot(shiftedTarget(a + b), dec, r * TARGET_STEPS * V);
    }
    FloatBlock out;
    try (CompiledModel cm = CompiledModel.compile(imported.model(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      cm.setWeights(imported.weights());
      out = cm.predict(List.of(FloatBlock.of(src, n, SOURCE_STEPS, V),
          FloatBlock.of(dec, n, TARGET_STEPS, V)));
    }
    float[] fused = FusedLstmReference.run(imported.weights(), FloatBlock.of(src, n, SOURCE_STEPS, V),
        FloatBlock.of(dec, n, TARGET_STEPS, V), "Encoder_LSTM", "Decoder_LSTM", "Decoder_Dense");
    double errFused = 0;
    for (int i = 0; i < fused.length; i++) {
      errFused = Math.max(errFused, Math.abs(fused[i] - out.data()[i]));
    }
    double err64 = maxError(imported.weights(), src, dec, out, n, false);
    double err32 = maxError(imported.weights(), src, dec, out, n, true);
    System.out.printf(Locale.ROOT, "encoder-decoder fixture: native vs TensorFlow's fused LSTM "
        + "kernel %.3e; vs plain-Java maths %.3e (float32), %.3e (float64)%n",
        errFused, err32, err64);
    // Another float32 LSTM kernel agrees to the parity tolerance.
    assertTrue(errFused <= 1e-5, "against the fused LSTM kernel: " + errFused);
    // Exact maths differs from any float32 evaluation by float32 rounding, amplified through 11
    // recurrent steps and the softmax: measured about 1.1e-5, bounded here at 5e-5.
    assertTrue(err64 <= 5e-5, "against float64 maths: " + err64);
    assertTrue(err32 <= 5e-5, "against float32-rounded maths: " + err32);
  }

  private static double maxError(Map<String, FloatBlock> w, float[] src, float[] dec,
      FloatBlock out, int n, boolean float32) {
    ReferenceLstm.float32 = float32;
    try {
      double maxErr = 0;
      for (int r = 0; r < n; r++) {
        float[] x = java.util.Arrays.copyOfRange(src, r * SOURCE_STEPS * V, (r + 1) * SOURCE_STEPS * V);
        ReferenceLstm.Run enc = ReferenceLstm.run(x, SOURCE_STEPS, V,
            w.get("Encoder_LSTM/kernel").data(), w.get("Encoder_LSTM/recurrent_kernel").data(),
            w.get("Encoder_LSTM/bias").data(), null, null);
        float[] y = java.util.Arrays.copyOfRange(dec, r * TARGET_STEPS * V, (r + 1) * TARGET_STEPS * V);
        ReferenceLstm.Run d = ReferenceLstm.run(y, TARGET_STEPS, V,
            w.get("Decoder_LSTM/kernel").data(), w.get("Decoder_LSTM/recurrent_kernel").data(),
            w.get("Decoder_LSTM/bias").data(), enc.h(), enc.c());
        for (int t = 0; t < TARGET_STEPS; t++) {
          double[] p = ReferenceLstm.denseSoftmax(d.hs()[t], w.get("Decoder_Dense/kernel").data(),
              w.get("Decoder_Dense/bias").data());
          for (int k = 0; k < V; k++) {
            maxErr = Math.max(maxErr, Math.abs(p[k] - out.get(r, t, k)));
          }
        }
      }
      return maxErr;
    } finally {
      ReferenceLstm.float32 = false;
    }
  }

  @Test
  void greedyDecodingAddsFreshProblems() {
    ImportedModel imported = importFixture();
    int n = 1000;
    SplittableRandom rnd = new SplittableRandom(2024);
    float[] src = new float[n * SOURCE_STEPS * V];
    int[] sums = new int[n];
    for (int r = 0; r < n; r++) {
      int a = rnd.nextInt(99);
      int b = rnd.nextInt(99);
      sums[r] = a + b;
      oneHot(source(a, b), src, r * SOURCE_STEPS * V);
    }
    int correct = 0;
    try (GreedyDecoder decoder = new GreedyDecoder(imported.model(), imported.weights(),
        "Encoder_LSTM", "Decoder_LSTM", "Decoder_Dense", new long[] {SOURCE_STEPS, V})) {
      int[][] tokens = decoder.decode(FloatBlock.of(src, n, SOURCE_STEPS, V),
          VOCAB.indexOf('\t'), TARGET_STEPS);
      for (int r = 0; r < n; r++) {
        StringBuilder s = new StringBuilder();
        for (int t : tokens[r]) {
          if (VOCAB.charAt(t) == '\n') {
            break;
          }
          s.append(VOCAB.charAt(t));
        }
        if (s.toString().equals(String.format(Locale.ROOT, "%4d", sums[r]))) {
          correct++;
        }
      }
    }
    double accuracy = correct / (double) n;
    System.out.printf(Locale.ROOT, "encoder-decoder fixture: greedy exact-match %.1f%% on %d fresh problems%n",
        100 * accuracy, n);
    // Chance of guessing a whole 1-3 digit sum is far below 1%; a broken import decodes ~0%.
    assertTrue(accuracy > 0.5, "exact-match accuracy " + accuracy);
  }
}
