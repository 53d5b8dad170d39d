package dev.seq2seq4j.interop;

import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.WeightSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Keras model rebuilt natively: the Java {@link Model}, its weights read from the checkpoint
 * (by Java name, e.g. {@code lstm/kernel}), and notes on options that were ignored.
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
    return fromCheckpoint(config, dir.resolve("variables").resolve("variables"), inputShapes);
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
      com.fasterxml.jackson.databind.JsonNode config, Path prefix, Map<String, long[]> inputShapes) {
    KerasModelBuilder.Result built = KerasModelBuilder.build(config, inputShapes);
    CheckpointReader reader = CheckpointReader.open(prefix);
    Map<String, String> javaToKeras = matchWeights(built.model(), reader.variables().keySet(), prefix);
    Map<String, FloatBlock> byKeras = reader.readFloats(new ArrayList<>(javaToKeras.values()));
    Map<String, FloatBlock> weights = new LinkedHashMap<>();
    javaToKeras.forEach((java, keras) -> weights.put(java, byKeras.get(keras)));
    for (Map.Entry<String, WeightSpec> e : built.model().weights().entrySet()) {
      long[] want = e.getValue().shape();
      long[] got = weights.get(e.getKey()).shape();
      if (!java.util.Arrays.equals(want, got)) {
        throw new ModelLoadException(
            "weight " + e.getKey() + " (" + javaToKeras.get(e.getKey()) + ") has shape "
                + java.util.Arrays.toString(got) + " in the checkpoint, the config needs "
                + java.util.Arrays.toString(want));
      }
    }
    return new ImportedModel(built.model(), Weights.of(weights), built.notes());
  }

  /**
   * Maps each Java weight ({@code layer/kernel}) to the checkpoint variable it comes from: Keras
   * names variables {@code layer/cell/kernel} (LSTM), {@code layer/kernel} (Dense) or {@code
   * wrapper/inner/kernel} (TimeDistributed), sometimes behind the model's name; the layer is the
   * first path component that names a model layer, the weight is the last.
   */
  static Map<String, String> matchWeights(Model model, Set<String> variableNames, Path prefix) {
    // The Java weight "lstm/cell/kernel" is found by its layer ("lstm") and short name ("kernel").
    Map<String, String> byLayerAndName = new LinkedHashMap<>();
    for (String w : model.weights().keySet()) {
      byLayerAndName.put(w.substring(0, w.indexOf('/')) + "/" + w.substring(w.lastIndexOf('/') + 1), w);
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (String v : variableNames) {
      String[] parts = v.split("/");
      String weight = parts[parts.length - 1];
      for (int i = 0; i < parts.length - 1; i++) {
        String java = byLayerAndName.get(parts[i] + "/" + weight);
        if (java != null) {
          found.putIfAbsent(java, v);
          break;
        }
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String w : model.weights().keySet()) {
      String v = found.get(w);
      if (v == null) {
        throw new ModelLoadException(
            "checkpoint " + prefix + " has no variable for weight " + w + "; it holds "
                + variableNames);
      }
      ordered.put(w, v);
    }
    return ordered;
  }
}
