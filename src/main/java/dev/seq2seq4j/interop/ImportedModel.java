package dev.seq2seq4j.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.keras.KerasModel;
import dev.seq2seq4j.keras.KerasTopology;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Keras model rebuilt natively: the Java {@link Model}, its weights read from the checkpoint
 * (by Java name, e.g. {@code lstm/cell/kernel}), and notes on options that were ignored.
 *
 * @param model the native model
 * @param weights every weight of the model, by qualified Java name
 * @param notes what was accepted but has no effect at inference
 */
public record ImportedModel(Model model, Weights weights, List<String> notes) {

  /**
   * Rebuilds the Keras model of a SavedModel folder from its config (parity.json or
   * keras_metadata.pb) and its {@code variables/} checkpoint.
   *
   * @param dir the SavedModel folder
   * @param inputShapes shapes for Inputs with unknown sizes, by Input name (may be empty)
   * @return the native model with the SavedModel's weights
   * @throws ModelLoadException if the folder has no config or its checkpoint cannot be read
   * @throws UnsupportedKerasFeatureException naming an unsupported layer or option
   */
  public static ImportedModel fromSavedModel(Path dir, Map<String, long[]> inputShapes) {
    // A missing folder, a corrupt saved_model.pb or a broken checkpoint is reported first.
    SavedModelInspector.validate(dir);
    var config =
        KerasConfigSource.fromSavedModel(dir)
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        dir + " carries no Keras model config (no parity.json with model_config,"
                            + " no keras_metadata.pb); give the config with --config FILE"));
    return fromCheckpoint(config, dir.resolve("variables").resolve("variables"),
        withProbeShapes(dir, inputShapes));
  }

  /**
   * The caller's input shapes, completed from the probes of the folder's parity.json: the
   * probes fix every size a config leaves open ({@code None} timesteps).
   */
  static Map<String, long[]> withProbeShapes(Path dir, Map<String, long[]> given) {
    if (!java.nio.file.Files.isRegularFile(dir.resolve(ParityFile.FILE_NAME))) {
      return given;
    }
    ParityFile.Probes probes = ParityFile.read(dir).probes();
    if (probes == null || probes.inputs() == null) {
      return given;
    }
    Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
    probes.inputs().forEach((name, t) -> {
      long[] s = t.shape();
      if (s.length > 1) {
        shapes.put(name, java.util.Arrays.copyOfRange(s, 1, s.length));
      }
    });
    shapes.putAll(given);
    return shapes;
  }

  /**
   * Rebuilds a model from a Keras config and an object checkpoint (a SavedModel's variables or
   * Keras {@code save_weights} output).
   *
   * @param config the Keras model config ({@code model.to_json()})
   * @param prefix the checkpoint prefix, e.g. {@code dir/variables/variables}
   * @param inputShapes shapes for Inputs with unknown sizes, by Input name (may be empty)
   * @return the native model with the checkpoint's weights
   * @throws ModelLoadException if the checkpoint is broken or lacks a weight the model needs
   * @throws UnsupportedKerasFeatureException naming an unsupported layer or option
   */
  public static ImportedModel fromCheckpoint(
      JsonNode config, Path prefix, Map<String, long[]> inputShapes) {
    KerasModel keras = KerasTopology.read(config, KerasVersion.ofConfig(config), inputShapes);
    CheckpointReader reader = CheckpointReader.open(prefix);
    Weights weights = CheckpointWeights.read(keras.model(), keras.layout(), reader);
    return new ImportedModel(keras.model(), weights, keras.notes());
  }
}
