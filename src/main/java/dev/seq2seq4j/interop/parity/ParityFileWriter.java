package dev.seq2seq4j.interop.parity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.interop.savedmodel.SignatureInfo;
import dev.seq2seq4j.keras.KerasConfigWriter;
import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.WeightSpec;
import dev.seq2seq4j.nn.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;

/**
 * Writes a {@code parity.json} beside a SavedModel that Java exported, in the format
 * python-export writes for Python's models, so either side can check the other: the probe
 * outputs are computed by the reloaded SavedModel, and {@code python-export/check_parity.py}
 * (or {@link ParityFile} in Java) replays them. The file carries the model's Keras 3 config, so
 * {@code parity} rebuilds a Java export natively like any Keras model.
 */
public final class ParityFileWriter {
  /** How many probe rows are written. */
  public static final int PROBE_ROWS = 32;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ParityFileWriter() {}

  /**
   * Probes the SavedModel in {@code dir} with {@link #PROBE_ROWS} rows of seeded uniform [0, 1)
   * inputs and writes {@code dir/parity.json}.
   *
   * @param dir a SavedModel folder written by {@link dev.seq2seq4j.interop.savedmodel.SavedModelExporter}
   * @param recipe what was trained (free text, e.g. a recipe name)
   * @param seed the training seed; the probes use {@code seed + 1000}
   * @param model the model that was exported (for the weight table)
   * @param training the training metrics, may be partial
   * @return what was written
   */
  public static ParityFile write(
      Path dir, String recipe, long seed, Model model, ParityFile.Training training) {
    try (SavedModelRunner runner = SavedModelRunner.open(dir)) {
      SignatureInfo sig = runner.signature(SavedModelRunner.DEFAULT_SIGNATURE);
      Map<String, FloatBlock> inputs = ProbeInputs.forModel(model, PROBE_ROWS, seed + 1000);
      List<ParityFile.TensorSpec> inSpecs = new ArrayList<>();
      for (SignatureInfo.Spec spec : sig.inputs()) {
        inSpecs.add(tensorSpec(spec));
      }
      Map<String, FloatBlock> outputs = runner.run(SavedModelRunner.DEFAULT_SIGNATURE, inputs);
      List<ParityFile.TensorSpec> outSpecs = new ArrayList<>();
      for (SignatureInfo.Spec spec : sig.outputs()) {
        outSpecs.add(tensorSpec(spec));
      }
      ParityFile parity =
          new ParityFile(
              recipe,
              seed,
              Map.of("tensorflow", TensorFlow.version(), "producer", "seq2seq4j"),
              KerasConfigWriter.write(model),
              weightTable(model),
              new ParityFile.Signature(SavedModelRunner.DEFAULT_SIGNATURE, inSpecs, outSpecs),
              new ParityFile.Probes(probeTensors(inputs, model), probeTensors(outputs, null)),
              training,
              MAPPER.createObjectNode()
                  .put("description", "uniform [0, 1) probe inputs")
                  .put("seed", seed + 1000));
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ParityFile.FILE_NAME).toFile(), parity);
      return parity;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write parity file in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static ParityFile.TensorSpec tensorSpec(SignatureInfo.Spec spec) {
    List<Long> dims = new ArrayList<>();
    for (long d : spec.shape()) {
      dims.add(d < 0 ? null : d);
    }
    return new ParityFile.TensorSpec(spec.name(), "float32", dims);
  }

  private static List<ParityFile.Weight> weightTable(Model model) {
    List<ParityFile.Weight> table = new ArrayList<>();
    for (Map.Entry<String, WeightSpec> e : model.weights().entrySet()) {
      String layer = e.getKey().substring(0, e.getKey().indexOf('/'));
      table.add(new ParityFile.Weight(layer, e.getKey(), e.getValue().shape()));
    }
    return table;
  }

  /**
   * Writes the reference of a Keras file Java wrote ({@code .keras}, {@code .h5}): seeded probe
   * inputs and the outputs the native model computes for them, as {@code <name>.parity.json}
   * beside the file, so Keras can be checked against Java ({@code
   * python-export/check_keras_file.py FILE}).
   *
   * @param modelFile the Keras file written
   * @param recipe what was trained (free text)
   * @param seed the training seed; the probes use {@code seed + 1000}
   * @param model the model
   * @param weights its weights
   * @param training the training metrics, may be partial
   * @return where the reference was written
   */
  public static Path writeForFile(Path modelFile, String recipe, long seed, Model model,
      Weights weights, ParityFile.Training training) {
    Map<String, FloatBlock> inputs = ProbeInputs.forModel(model, PROBE_ROWS, seed + 1000);
    List<FloatBlock> out;
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      ModelGraph mg = ModelGraph.build(model, Ops.create(g));
      mg.setWeights(s, weights);
      out = mg.run(s, new ArrayList<>(inputs.values()));
    }
    Map<String, FloatBlock> outputs = new LinkedHashMap<>();
    for (int i = 0; i < out.size(); i++) {
      outputs.put("output_" + i, out.get(i));
    }
    String name = modelFile.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path target = modelFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".parity.json");
    ParityFile parity = new ParityFile(recipe, seed,
        Map.of("tensorflow", TensorFlow.version(), "producer", "seq2seq4j"),
        KerasConfigWriter.write(model), weightTable(model), null,
        new ParityFile.Probes(probeTensors(inputs, model), probeTensors(outputs, null)), training,
        MAPPER.createObjectNode().put("description", "seeded probe inputs (uniform [0, 1), or "
            + "token indices below the vocabulary)").put("seed", seed + 1000));
    try {
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), parity);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
    }
    return target;
  }

  private static Map<String, ParityFile.ProbeTensor> probeTensors(
      Map<String, FloatBlock> arrays, Model model) {
    Map<String, ParityFile.ProbeTensor> out = new LinkedHashMap<>();
    arrays.forEach(
        (name, a) -> {
          double[] d = new double[a.data().length];
          for (int i = 0; i < d.length; i++) {
            d[i] = a.data()[i];
          }
          boolean ints = model != null && model.inputNames().contains(name)
              && model.inputs().get(model.inputNames().indexOf(name)).dtype() == DType.INT32;
          out.put(name, new ParityFile.ProbeTensor(a.shape(), d, ints ? "int32" : null));
        });
    return out;
  }

}
