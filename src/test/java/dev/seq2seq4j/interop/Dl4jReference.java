package dev.seq2seq4j.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.keras.KerasJson;
import dev.seq2seq4j.keras.h5.H5Group;
import dev.seq2seq4j.keras.h5.H5Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference a Deeplearning4j test file is checked against: the predictions the saving Keras
 * recorded in DL4J's {@code <case>_inputs_and_outputs.h5} (read with the project's own HDF5
 * reader), or, where DL4J recorded none, the {@code <stem>.parity.json} tf_keras wrote beside
 * the file ({@code python-export/dl4j_references.py}).
 *
 * @param probes the inputs and the expected outputs
 * @param kind which reference it is, for the report line
 */
record Dl4jReference(ParityFile.Probes probes, String kind) {
  private static final String MODEL_SUFFIX = "_model.h5";
  private static final String RECORDED_SUFFIX = "_inputs_and_outputs.h5";

  /**
   * The reference for a model file.
   *
   * @param model the model file
   * @return its reference, or empty if it has none (a test defect: every file needs one)
   */
  static Optional<Dl4jReference> of(Path model) {
    Optional<Dl4jReference> recorded = recorded(model);
    if (recorded.isPresent()) {
      return recorded;
    }
    String name = model.getFileName().toString();
    Path parity = model.resolveSibling(name.substring(0, name.length() - ".h5".length())
        + ".parity.json");
    if (!Files.isRegularFile(parity)) {
      return Optional.empty();
    }
    ParityFile p = ParityFile.readFile(parity);
    String keras = p.versions() == null ? "?" : p.versions().get("keras");
    return Optional.of(new Dl4jReference(p.probes(), "tf_keras " + keras + " parity.json"));
  }

  /** The saving Keras's own predictions, if DL4J recorded them beside the model. */
  private static Optional<Dl4jReference> recorded(Path model) {
    String name = model.getFileName().toString();
    if (!name.endsWith(MODEL_SUFFIX)) {
      return Optional.empty();
    }
    Path file = model.resolveSibling(
        name.substring(0, name.length() - MODEL_SUFFIX.length()) + RECORDED_SUFFIX);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (H5Reader h5 = H5Reader.open(file)) {
      H5Group root = h5.root();
      Optional<H5Group> predictions = root.group("predictions");
      if (predictions.isEmpty()) {
        return Optional.empty(); // DL4J kept only the inputs and the training targets
      }
      Map<String, ParityFile.ProbeTensor> in = tensors(root.requireGroup("inputs"),
          names(root, "inputs", file));
      Map<String, ParityFile.ProbeTensor> out = tensors(predictions.get(),
          names(root, "outputs", file));
      return Optional.of(new Dl4jReference(new ParityFile.Probes(in, out),
          "predictions recorded by the saving Keras"));
    }
  }

  /** DL4J lists the input and output names as JSON in a root attribute: {"inputs": [...]}. */
  private static List<String> names(H5Group root, String key, Path file) {
    String text = root.stringAttribute(key).orElseThrow(() ->
        new IllegalStateException(file + " has no '" + key + "' attribute"));
    JsonNode node = KerasJson.parse(text.getBytes(StandardCharsets.UTF_8), file + " (" + key + ")");
    List<String> names = new java.util.ArrayList<>();
    node.path(key).forEach(n -> names.add(n.asText()));
    return names;
  }

  private static Map<String, ParityFile.ProbeTensor> tensors(H5Group group, List<String> names) {
    Map<String, ParityFile.ProbeTensor> out = new LinkedHashMap<>();
    for (String n : names) {
      FloatBlock b = group.readFloats(n);
      float[] f = b.data();
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      out.put(n, new ParityFile.ProbeTensor(b.shape(), d));
    }
    return out;
  }

  /**
   * The probes as a parity file, for {@link ImportedModel#withShapesOf}.
   *
   * @return a parity file holding only the probes
   */
  ParityFile asParityFile() {
    return new ParityFile(null, 0, null, null, null, null, probes, null, null);
  }
}
