package dev.seq2seq4j.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.savedmodel.ModelLoadException;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.keras.KerasLayout;
import dev.seq2seq4j.keras.KerasModel;
import dev.seq2seq4j.keras.KerasTopology;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Keras model rebuilt natively from whatever file it was saved in: the Java {@link Model}, its
 * weights (by Java name, e.g. {@code lstm/cell/kernel}), where it came from, and notes on options
 * accepted without effect.
 *
 * <pre>{@code
 * ImportedModel m = ImportedModel.open(Path.of("adder.keras"), Map.of());
 * try (CompiledModel cm = CompiledModel.compile(m.model(), options)) {
 *   cm.setWeights(m.weights());
 * }
 * }</pre>
 *
 * @param model the native model
 * @param weights every weight of the model, by qualified Java name
 * @param notes what was accepted but has no effect
 * @param format the file's format, e.g. {@code .keras archive}
 * @param version the Keras version that saved it
 */
public record ImportedModel(Model model, Weights weights, List<String> notes, String format,
    KerasVersion version) {

  /**
   * Rebuilds the model of any supported file: a SavedModel folder, {@code .keras}, legacy
   * {@code .h5}.
   *
   * @param path the file or folder
   * @param inputShapes per-sample shapes for Inputs whose config leaves sizes open, by Input
   *     name (may be empty; a SavedModel's parity.json probes fill them in)
   * @return the native model with the file's weights
   * @throws ModelLoadException or {@link KerasFileException} naming a missing or broken file
   * @throws UnsupportedKerasFeatureException naming an unsupported layer or option, or a file
   *     that holds weights only
   */
  public static ImportedModel open(Path path, Map<String, long[]> inputShapes) {
    return from(ModelFiles.open(path), inputShapes, null);
  }

  /**
   * Rebuilds the model of an opened file, with the config it carries or one given.
   *
   * @param file the opened file
   * @param inputShapes per-sample shapes for Inputs whose config leaves sizes open
   * @param config a Keras model config to use instead of the file's (for weights-only files),
   *     or null
   * @return the native model with the file's weights
   * @throws UnsupportedKerasFeatureException if there is no config or it cannot be rebuilt
   */
  public static ImportedModel from(ModelFile file, Map<String, long[]> inputShapes,
      JsonNode config) {
    JsonNode cfg = config != null ? config : file.kerasConfig().orElseThrow(() ->
        new UnsupportedKerasFeatureException(file.path() + " (" + file.format()
            + ") carries no Keras model config; give one (--config FILE), or load its weights "
            + "onto a model built in Java"));
    KerasVersion version = config != null ? KerasVersion.ofConfig(config)
        : file.kerasVersion().orElse(KerasVersion.ofConfig(cfg));
    try {
      KerasModel keras = KerasTopology.read(cfg, version, withProbeShapes(file, inputShapes));
      for (String name : inputShapes.keySet()) {
        if (!keras.model().inputNames().contains(name)) {
          throw new UnsupportedKerasFeatureException("an input shape is given for '" + name
              + "', but the model's inputs are " + keras.model().inputNames());
        }
      }
      Weights weights = file.readWeights(keras.model(), keras.layout());
      return new ImportedModel(keras.model(), weights, keras.notes(), file.format(), version);
    } catch (KerasFileException | ModelLoadException e) {
      throw e; // these name the file already
    } catch (IllegalArgumentException e) {
      throw namingFile(file.path(), e);
    }
  }

  /**
   * The same refusal with the file it is about in front, so that a user with many files knows
   * which one a config error comes from: codecs and layers name the layer, not the file.
   */
  private static IllegalArgumentException namingFile(Path path, IllegalArgumentException e) {
    String where = path.toString();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.contains(where)) {
      return e;
    }
    return e instanceof UnsupportedKerasFeatureException
        ? new UnsupportedKerasFeatureException(where + ": " + message, e)
        : new IllegalArgumentException(where + ": " + message, e);
  }

  /**
   * Rebuilds the Keras model of a SavedModel folder.
   *
   * @param dir the SavedModel folder
   * @param inputShapes shapes for Inputs with unknown sizes, by Input name (may be empty)
   * @return the native model with the SavedModel's weights
   * @throws ModelLoadException if the folder has no config or its checkpoint cannot be read
   * @throws UnsupportedKerasFeatureException naming an unsupported layer or option
   */
  public static ImportedModel fromSavedModel(Path dir, Map<String, long[]> inputShapes) {
    ModelFile file = ModelFiles.open(dir);
    if (!(file instanceof ModelFile.SavedModelFolder)) {
      throw new ModelLoadException(dir + " is not a SavedModel folder but a " + file.format());
    }
    if (file.kerasConfig().isEmpty()) {
      throw new ModelLoadException(dir + " carries no Keras model config (no parity.json with "
          + "model_config, no keras_metadata.pb); give the config with --config FILE");
    }
    return from(file, inputShapes, null);
  }

  /**
   * Rebuilds a model from a Keras config and a checkpoint (a SavedModel's variables or Keras
   * {@code save_weights} output in TensorFlow format).
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
    return from(ModelFiles.open(prefix), inputShapes, config);
  }

  /**
   * Reads a weights file (Keras 3 {@code .weights.h5}, legacy {@code save_weights} {@code .h5},
   * a TensorFlow checkpoint, or any model file) onto a model built in Java with the same layers,
   * matched by Keras's own rules (layer order and variable order).
   *
   * @param model the Java model
   * @param path the weights file
   * @return the weights, checked against the model
   * @throws KerasFileException or {@link ModelLoadException} if they do not fit
   */
  public static Weights weightsFor(Model model, Path path) {
    return ModelFiles.open(path).readWeights(model, KerasLayout.of(model));
  }

  /**
   * The caller's input shapes, completed from the probes of a SavedModel's parity.json: the
   * probes fix every size a config leaves open ({@code None} timesteps).
   */
  static Map<String, long[]> withProbeShapes(ModelFile file, Map<String, long[]> given) {
    Optional<ParityFile> parity = file instanceof ModelFile.SavedModelFolder s ? s.parity()
        : Optional.empty();
    if (parity.isEmpty() || parity.get().probes() == null || parity.get().probes().inputs() == null) {
      return given;
    }
    return withShapesOf(parity.get(), given);
  }

  /**
   * Input shapes taken from a parity file's probe inputs, with the caller's taking precedence.
   *
   * @param parity the parity file
   * @param given the caller's shapes
   * @return the merged shapes
   */
  public static Map<String, long[]> withShapesOf(ParityFile parity, Map<String, long[]> given) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    if (parity.probes() != null && parity.probes().inputs() != null) {
      parity.probes().inputs().forEach((name, t) -> {
        long[] s = t.shape();
        if (s.length > 1) {
          shapes.put(name, Arrays.copyOfRange(s, 1, s.length));
        }
      });
    }
    shapes.putAll(given);
    return shapes;
  }

}
