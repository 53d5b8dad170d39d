package dev.seq2seq4j.interop.parity;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.interop.savedmodel.SignatureInfo;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Runs a SavedModel's signature and its native rebuild on the same inputs and compares every
 * output: the parity file's probes when the folder has one, otherwise seeded uniform [0, 1)
 * inputs shaped like the rebuilt model's inputs.
 */
public final class ParityChecker {
  /** The default tolerance on the largest absolute difference. */
  public static final double DEFAULT_TOLERANCE = 1e-5;
  private static final int RANDOM_ROWS = 16;

  private ParityChecker() {}

  /**
   * Checks a SavedModel folder's {@code signature} against a native rebuild, on the folder's
   * parity.json probes (or seeded random inputs without one).
   *
   * @param dir the SavedModel folder
   * @param signature the signature to run, e.g. {@code serving_default}
   * @param model the native rebuild
   * @param weights its weights
   * @param tolerance the largest absolute difference that passes
   * @param seed seeds the random inputs used when there is no parity.json
   * @return the per-output errors and the verdict
   * @throws dev.seq2seq4j.interop.savedmodel.ModelLoadException if the folder or its checkpoint
   *     is broken
   * @throws IllegalArgumentException if the signature is unknown or does not fit the rebuild
   */
  public static ParityReport check(
      Path dir, String signature, Model model, Weights weights, double tolerance, long seed) {
    ParityFile.Probes probes = Files.isRegularFile(dir.resolve(ParityFile.FILE_NAME))
        ? ParityFile.read(dir).probes() : null;
    try (SavedModelRunner runner = SavedModelRunner.open(dir)) {
      return againstSignature(runner, signature, probes, model, weights, tolerance, seed);
    }
  }

  /**
   * Runs an open SavedModel's signature and the native rebuild on the same inputs and compares
   * every output.
   *
   * @param runner the loaded SavedModel
   * @param signature the signature to run
   * @param probes the inputs to use, or null for seeded uniform [0, 1) inputs
   * @param model the native rebuild
   * @param weights its weights
   * @param tolerance the largest absolute difference that passes
   * @param seed seeds the random inputs
   * @return the per-output errors and the verdict
   * @throws IllegalArgumentException if the signature is unknown or does not fit the rebuild
   */
  public static ParityReport againstSignature(SavedModelRunner runner, String signature,
      ParityFile.Probes probes, Model model, Weights weights, double tolerance, long seed) {
    SignatureInfo sig = runner.signature(signature);
    Map<String, FloatBlock> inputs;
    String source;
    if (probes != null) {
      inputs = probes.inputArrays();
      source = "parity.json probes";
    } else {
      inputs = randomInputs(model, sig, seed);
      source = "seeded random inputs (seed " + seed + ")";
    }
    Map<String, FloatBlock> expected = runner.run(signature, inputs);
    List<FloatBlock> nativeOut = runNative(model, weights, inputs, sig.inputNames());
    List<ParityReport.OutputError> errors = new ArrayList<>();
    List<String> outNames = sig.outputNames();
    for (int i = 0; i < outNames.size(); i++) {
      FloatBlock want = expected.get(outNames.get(i));
      FloatBlock got = nativeOut.get(outputIndex(model, outNames, i));
      errors.add(compare(outNames.get(i), want, got));
    }
    int rows = (int) inputs.values().iterator().next().shape()[0];
    return new ParityReport(runner.directory().toString(), source, rows, errors, tolerance);
  }

  /**
   * Compares the native rebuild with outputs Keras recorded for probe inputs (a parity.json
   * written by python-export, e.g. {@code reference_outputs.py} for a {@code .keras} or {@code
   * .h5} file, whose outputs are {@code output_0}, {@code output_1}, ... in model order).
   *
   * @param source names the model and the reference in the report
   * @param probes the probe inputs (by model input name) and the recorded outputs
   * @param model the native rebuild
   * @param weights its weights
   * @param tolerance the largest absolute difference that passes
   * @return the per-output errors and the verdict
   * @throws IllegalArgumentException if the probes do not fit the model
   */
  public static ParityReport againstRecorded(String source, ParityFile.Probes probes, Model model,
      Weights weights, double tolerance) {
    if (probes == null || probes.inputs() == null || probes.outputs() == null) {
      throw new IllegalArgumentException(source + ": the reference holds no probes");
    }
    Map<String, FloatBlock> inputs = probes.inputArrays();
    Map<String, FloatBlock> expected = probes.outputArrays();
    List<FloatBlock> nativeOut = runNative(model, weights, inputs, new ArrayList<>(inputs.keySet()));
    if (expected.size() != nativeOut.size()) {
      throw new IllegalArgumentException(source + ": the reference has " + expected.size()
          + " outputs " + expected.keySet() + ", the model " + nativeOut.size());
    }
    List<ParityReport.OutputError> errors = new ArrayList<>();
    List<String> names = new ArrayList<>(expected.keySet());
    for (int i = 0; i < names.size(); i++) {
      errors.add(compare(names.get(i), expected.get(names.get(i)),
          nativeOut.get(outputIndex(model, names, i))));
    }
    int rows = (int) inputs.values().iterator().next().shape()[0];
    return new ParityReport(source, "recorded Keras outputs", rows, errors, tolerance);
  }

  /** Signature outputs are {@code output_N} (Keras 3) or named after output layers (Keras 2). */
  private static int outputIndex(Model model, List<String> names, int i) {
    if (names.size() == 1) {
      return 0;
    }
    String n = names.get(i);
    if (n.matches("output_\\d+")) {
      return Integer.parseInt(n.substring(7));
    }
    List<SymbolicTensor> outs = model.outputs();
    for (int k = 0; k < outs.size(); k++) {
      if (outs.get(k).producer().layer().name().equals(n)) {
        return k;
      }
    }
    throw new IllegalArgumentException("cannot match signature output '" + n + "' to the model's outputs");
  }

  private static Map<String, FloatBlock> randomInputs(Model model, SignatureInfo sig, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, FloatBlock> in = new LinkedHashMap<>();
    List<String> sigNames = sig.inputNames();
    for (int i = 0; i < sigNames.size(); i++) {
      long[] row = modelInputFor(model, sigNames, i).shape();
      long[] shape = new long[row.length + 1];
      shape[0] = RANDOM_ROWS;
      System.arraycopy(row, 0, shape, 1, row.length);
      float[] d = new float[(int) FloatBlock.checkedSize(shape)];
      for (int k = 0; k < d.length; k++) {
        d[k] = (float) random.nextDouble();
      }
      in.put(sigNames.get(i), FloatBlock.wrap(d, shape));
    }
    return in;
  }

  /** The model input a named input feeds: same name, or by position for a single input. */
  private static SymbolicTensor modelInputFor(Model model, List<String> sigNames, int i) {
    List<String> names = model.inputNames();
    int k = names.indexOf(sigNames.get(i));
    if (k < 0 && names.size() == sigNames.size() && names.size() == 1) {
      k = 0;
    }
    if (k < 0) {
      throw new IllegalArgumentException(
          "input '" + sigNames.get(i) + "' matches none of the model's inputs " + names);
    }
    return model.inputs().get(k);
  }

  private static List<FloatBlock> runNative(
      Model model, Weights weights, Map<String, FloatBlock> inputs, List<String> sigNames) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      ModelGraph mg = ModelGraph.build(model, Ops.create(g));
      mg.setWeights(s, weights);
      // Inputs are matched to model inputs by name, then fed in model order.
      FloatBlock[] ordered = new FloatBlock[model.inputs().size()];
      for (int i = 0; i < sigNames.size(); i++) {
        SymbolicTensor input = modelInputFor(model, sigNames, i);
        FloatBlock a = inputs.get(sigNames.get(i));
        ordered[model.inputs().indexOf(input)] = FloatBlock.of(a.data(), a.shape());
      }
      for (int i = 0; i < ordered.length; i++) {
        if (ordered[i] == null) {
          throw new IllegalArgumentException("no input given for the model's input '"
              + model.inputNames().get(i) + "'; given " + sigNames);
        }
      }
      return mg.run(s, java.util.Arrays.asList(ordered));
    }
  }

  private static ParityReport.OutputError compare(String name, FloatBlock want, FloatBlock got) {
    if (!java.util.Arrays.equals(want.shape(), got.shape())) {
      throw new IllegalStateException(
          "output " + name + ": the reference has shape " + java.util.Arrays.toString(want.shape())
              + ", the rebuild " + java.util.Arrays.toString(got.shape()));
    }
    double maxAbs = 0;
    double maxRel = 0;
    float[] a = want.data();
    float[] b = got.data();
    for (int i = 0; i < a.length; i++) {
      double d = Math.abs((double) a[i] - b[i]);
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, d / Math.max(Math.abs(a[i]), 1e-12));
    }
    return new ParityReport.OutputError(name, maxAbs, maxRel);
  }
}
