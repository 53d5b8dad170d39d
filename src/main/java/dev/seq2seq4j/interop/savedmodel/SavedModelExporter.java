package dev.seq2seq4j.interop.savedmodel;

import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Writes a Java model with its weights as a TensorFlow SavedModel (tag {@code serve}, signature
 * {@code serving_default}), loadable by TensorFlow Serving, Python's {@code tf.saved_model.load}
 * and {@link SavedModelRunner}.
 *
 * <p>The export holds an inference graph only: no loss, no optimizer state (a training graph
 * would carry Adam's two moments per weight, three times the model's size). Inputs keep the
 * model's Input names; outputs are {@code output_0}, {@code output_1}, ... like Keras 3's {@code
 * model.export}.
 */
public final class SavedModelExporter {
  private SavedModelExporter() {}

  /**
   * Exports {@code model} with {@code weights} (by qualified name, e.g. from {@code
   * CompiledModel.weights()}) into {@code dir}.
   *
   * @param model the model to export
   * @param weights every weight of the model, by qualified name
   * @param dir the target folder: missing or empty
   * @throws IllegalArgumentException if {@code dir} exists and is not empty (nothing is
   *     overwritten), or a weight is missing, unknown or of the wrong shape
   * @throws UncheckedIOException if the folder cannot be written
   */
  public static void export(Model model, Weights weights, Path dir) {
    checkTarget(dir);
    weights.requireComplete("model '" + model.name() + "'", model.weights());
    try (Graph g = new Graph()) {
      ModelGraph mg = ModelGraph.build(model, Ops.create(g));
      try (Session s = new Session(g)) {
        mg.setWeights(s, weights);
        Signature.Builder sig = Signature.builder().key(SavedModelRunner.DEFAULT_SIGNATURE);
        for (Map.Entry<String, Placeholder<? extends TType>> in : mg.inputs().entrySet()) {
          sig.input(in.getKey(), in.getValue());
        }
        List<Operand<TFloat32>> outs = mg.outputs();
        for (int i = 0; i < outs.size(); i++) {
          sig.output("output_" + i, outs.get(i));
        }
        SavedModelBundle.exporter(dir.toString())
            .withTags(SavedModelRunner.SERVE_TAG)
            .withFunction(s.function(sig.build()))
            .export();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not export SavedModel to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code dir} can receive an export (missing, or an empty folder), so a caller can
   * fail before a long training run rather than after it.
   *
   * @param dir the intended export folder
   * @throws IllegalArgumentException naming the problem otherwise
   */
  public static void checkTarget(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("cannot export to " + dir + ": it is a file");
    }
    try (var entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException(
            "refusing to export into " + dir + ": the folder is not empty");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }
}
