package dev.seq2seq4j.bench;

import dev.seq2seq4j.data.AdditionProblem;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.PythonRandom;
import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.nn.InferenceModel;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.nn.rnn.RnnKernel;
import dev.seq2seq4j.nn.seq2seq.EncoderDecoder;
import dev.seq2seq4j.nn.seq2seq.GreedyDecoder;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Inference speed on the Python-exported adder ({@code saved-models/addition-seq2seq}): load
 * times, one-sample latency and batch throughput through the Java API ({@link InferenceModel}
 * on the model rebuilt from the SavedModel) and through a raw {@link SavedModelBundle} call of
 * the same SavedModel's signature; and greedy decoding of length-16 sequences.
 */
public final class InferenceBench {
  private InferenceBench() {}

  /** Latency of single calls and throughput of large ones, for one way of predicting. */
  public record Speed(Samples oneSampleMs, double samplesPerSecond) {}

  /** How long loading takes, in milliseconds (medians). */
  public record LoadTimes(double savedModelMs, double savedModelBundleMs, double kerasFileMs) {}

  /**
   * Loads the SavedModel and the {@code .keras} file each way, {@code reps} times.
   *
   * @param savedModel the SavedModel folder
   * @param kerasFile the same model as a {@code .keras} file
   * @param reps repetitions (medians are reported)
   * @return the median load times
   */
  public static LoadTimes loadTimes(Path savedModel, Path kerasFile, int reps) {
    Samples java = Repeat.seconds(1, reps, () -> openJava(savedModel).close());
    Samples bundle = Repeat.seconds(1, reps,
        () -> SavedModelBundle.load(savedModel.toString(), "serve").close());
    Samples keras = Repeat.seconds(1, reps, () -> openJava(kerasFile).close());
    return new LoadTimes(java.median() * 1e3, bundle.median() * 1e3, keras.median() * 1e3);
  }

  /** Rebuilds a Keras model file natively and makes it ready to predict. */
  static InferenceModel openJava(Path file) {
    ImportedModel m = ImportedModel.open(file, Map.of());
    return InferenceModel.of(m.model(), m.weights());
  }

  /**
   * One-sample latency and batch throughput of an {@link InferenceModel}.
   *
   * @param model the model
   * @param calls one-sample calls timed one by one
   * @param batch rows of the throughput batch
   * @param batchReps timed batch calls
   * @return the speed
   */
  public static Speed javaApi(InferenceModel model, int calls, int batch, int batchReps) {
    return measure(model::predict, calls, batch, batchReps);
  }

  /**
   * The same through a raw {@code SavedModelBundle} signature call: a tensor in, a tensor out,
   * copied to a float array, as a user of TensorFlow Java would write it.
   *
   * @param bundle the loaded SavedModel
   * @param calls one-sample calls
   * @param batch rows of the throughput batch
   * @param batchReps timed batch calls
   * @return the speed
   */
  public static Speed savedModelBundle(SavedModelBundle bundle, int calls, int batch,
      int batchReps) {
    SessionFunction fn = bundle.function("serving_default");
    String input = fn.signature().inputNames().iterator().next();
    return measure(x -> {
      try (TFloat32 t = TFloat32.tensorOf(Shape.of(x.shape()),
              DataBuffers.of(x.data(), true, false));
          Result r = fn.call(Map.of(input, t))) {
        TFloat32 out = (TFloat32) r.get(0);
        float[] values = new float[(int) out.shape().size()];
        out.copyTo(DataBuffers.of(values, false, false));
        return FloatBlock.wrap(values, out.shape().asArray());
      }
    }, calls, batch, batchReps);
  }

  private static Speed measure(Function<FloatBlock, FloatBlock> predict, int calls, int batch,
      int batchReps) {
    FloatBlock one = questions(1, 1);
    Samples latency = Repeat.eachCall(Math.max(20, calls / 10), calls, () -> predict.apply(one))
        .times(1e3);
    FloatBlock many = questions(batch, 2);
    Samples batchSeconds = Repeat.seconds(2, batchReps, () -> predict.apply(many));
    return new Speed(latency, batch / batchSeconds.median());
  }

  /** Brownlee's questions ({@code " 3+10"}), one-hot, as the adder takes them. */
  static FloatBlock questions(int n, long seed) {
    return new AdditionProblem(2, 10).generate(n, new PythonRandom(seed)).x();
  }

  /**
   * The fused-kernel variant of the Java API on the same model (opt-in, within 1e-5).
   *
   * @param savedModel the SavedModel folder
   * @return the model with {@link RnnKernel#FUSED}; close it
   */
  static InferenceModel openFused(Path savedModel) {
    ImportedModel m = ImportedModel.open(savedModel, Map.of());
    return InferenceModel.builder(m.model(), m.weights()).rnnKernel(RnnKernel.FUSED).build();
  }

  /** Greedy decoding speed: one sequence at a time, and a batch. */
  public record Decoding(Samples oneSequenceMs, double sequencesPerSecond) {}

  /**
   * Greedy decoding of length-{@code length} reversed sequences with the reverse-attention
   * encoder-decoder (LSTM(64), Luong attention): the encoder once, then one decoder step per
   * output token fed back. Untrained weights: the work does not depend on them.
   *
   * @param length the sequence length (16 in the report)
   * @param calls one-sequence decodes timed
   * @param batch sequences in the batch decode
   * @param batchReps timed batch decodes
   * @return the speed
   */
  public static Decoding greedy(int length, int calls, int batch, int batchReps) {
    int features = 10;
    EncoderDecoder models =
        EncoderDecoder.withAttention(length, features, length, features + 1, features, 64);
    Weights w = ModelGraph.initialWeights(models.training(), 1);
    try (GreedyDecoder decoder = new GreedyDecoder(models, w)) {
      FloatBlock one = sequences(1, length, features);
      Samples latency = Repeat.eachCall(Math.max(5, calls / 10), calls,
          () -> decoder.decode(one, features, length)).times(1e3);
      FloatBlock many = sequences(batch, length, features);
      Samples batchSeconds = Repeat.seconds(1, batchReps,
          () -> decoder.decode(many, features, length));
      return new Decoding(latency, batch / batchSeconds.median());
    }
  }

  private static FloatBlock sequences(int n, int length, int features) {
    float[] data = new float[n * length * features];
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < n * length; i++) {
      data[i * features + r.nextInt(features)] = 1f;
    }
    return FloatBlock.wrap(data, n, length, features);
  }
}
