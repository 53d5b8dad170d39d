package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.h5.H5Group;
import dev.seq2seq4j.keras.h5.H5Reader;
import dev.seq2seq4j.keras.h5.H5Writer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.TimeDistributed;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.nn.conv.Conv1D;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A legacy HDF5 Keras file: {@code model.save("x.h5")} from Keras 1.x to 2.15 or Keras 3's
 * legacy writer (root attributes {@code model_config}, {@code keras_version}, {@code backend};
 * weights under {@code model_weights/}), or {@code save_weights("x.h5")} (the same weight groups
 * at the root, no config).
 *
 * <p>Weights load as Keras loads them, by order: the file's layers that have weights ({@code
 * layer_names}, then each layer's {@code weight_names}) pair up with the model's layers that have
 * weights, in Keras's layer order, and each layer's weights in its codec's order. Layer names
 * are checked only to give clearer errors. A Keras 1 file (no {@code keras_version}, or 1.x) has
 * its per-gate recurrent weights fused into Keras 2's layout first, and CuDNNLSTM / CuDNNGRU
 * weights are converted to the plain layers', as Keras 2's loader did ({@link Keras1Weights},
 * {@link CudnnWeights}).
 */
public final class LegacyH5 {
  /** The Keras version whose legacy layout {@link #write} follows. */
  public static final String WRITTEN_FORMAT_VERSION = "3.8.0";

  private final Path file;
  private final JsonNode config;
  private final KerasVersion version;
  private final String backend;
  private final List<LayerWeights> layers;

  /** One layer group of the file: its name and its weights in {@code weight_names} order. */
  private record LayerWeights(String name, List<String> weightNames, List<FloatBlock> values) {}

  private LegacyH5(Path file, JsonNode config, KerasVersion version, String backend,
      List<LayerWeights> layers) {
    this.file = file;
    this.config = config;
    this.version = version;
    this.backend = backend;
    this.layers = layers;
  }

  /**
   * Reads a legacy {@code .h5} model or weights file.
   *
   * @param file the file
   * @return its config (if any), version and weights
   * @throws KerasFileException if it is not a readable Keras HDF5 file or its config is not
   *     JSON
   */
  public static LegacyH5 read(Path file) {
    try (H5Reader h5 = H5Reader.open(file)) {
      return from(file, h5);
    }
  }

  /**
   * Reads a legacy {@code .h5} model or weights file that is open already.
   *
   * @param file the file, for messages
   * @param h5 the open file
   * @return its config (if any), version and weights
   * @throws KerasFileException if it is not a Keras HDF5 file or its config is not JSON
   */
  public static LegacyH5 from(Path file, H5Reader h5) {
    {
      H5Group root = h5.root();
      JsonNode config = root.stringAttribute("model_config")
          .map(s -> KerasJson.parse(s.getBytes(StandardCharsets.UTF_8), file + " (model_config)"))
          .orElse(null);
      H5Group weightsRoot = root.group("model_weights").orElse(root);
      Optional<String> versionText = root.stringAttribute("keras_version")
          .or(() -> weightsRoot.stringAttribute("keras_version"));
      KerasVersion version;
      try {
        // Keras 1's save_weights wrote no keras_version; Keras 2's loader read that as Keras 1.
        version = versionText.map(KerasVersion::parse).orElse(KerasVersion.KERAS_1_UNSTATED);
      } catch (IllegalArgumentException e) {
        throw new KerasFileException(file.toString(), "/", "keras_version '" + versionText.get()
            + "' is not a version");
      }
      // Keras 2 records the backend that trained the weights; Keras 1 files do not.
      String backend = root.stringAttribute("backend")
          .or(() -> weightsRoot.stringAttribute("backend")).orElse(null);
      Optional<List<String>> names = weightsRoot.stringListAttribute("layer_names");
      if (names.isEmpty()) {
        throw new KerasFileException(file.toString(), weightsRoot.path(),
            "has no layer_names attribute: not a Keras model or weights file");
      }
      List<LayerWeights> layers = new ArrayList<>();
      for (String name : names.get()) {
        H5Group g = weightsRoot.group(name).orElseThrow(() -> new KerasFileException(
            file.toString(), weightsRoot.path() + "/" + name, "is listed in layer_names but missing"));
        List<String> weightNames = g.stringListAttribute("weight_names").orElse(List.of());
        List<FloatBlock> values = new ArrayList<>();
        for (String w : weightNames) {
          if (!g.isDataset(w)) {
            throw new KerasFileException(file.toString(), g.path() + "/" + w,
                "is listed in weight_names but missing");
          }
          values.add(g.readFloats(w));
        }
        layers.add(new LayerWeights(name, List.copyOf(weightNames), values));
      }
      return new LegacyH5(file, config, version, backend, layers);
    }
  }

  /**
   * The model config, for a file saved with {@code model.save}.
   *
   * @return the config, or empty for a weights-only file
   */
  public Optional<JsonNode> config() {
    return Optional.ofNullable(config);
  }

  /**
   * The Keras version that saved the file.
   *
   * @return the version ({@code keras_version}; Keras 1 when absent)
   */
  public KerasVersion version() {
    return version;
  }

  /**
   * The file.
   *
   * @return the path read
   */
  public Path file() {
    return file;
  }

  /**
   * Whether Keras 3 would compute another function for this file than its saving version.
   *
   * @return a warning, if so
   */
  public Optional<String> keras3Warning() {
    return config == null ? Optional.empty() : KerasVersionWarnings.of(config, version);
  }

  /**
   * Rebuilds the model of a file saved with {@code model.save}.
   *
   * @param inputShapes per-sample shapes for Inputs whose config leaves sizes open
   * @return the native model
   * @throws UnsupportedKerasFeatureException if the file holds weights only
   */
  public KerasModel model(Map<String, long[]> inputShapes) {
    if (config == null) {
      throw new UnsupportedKerasFeatureException(file + " holds weights only (save_weights): "
          + "build the model in Java and load the weights onto it");
    }
    return KerasTopology.read(config, version, inputShapes);
  }

  /**
   * The file's weights for a model, by Keras's order.
   *
   * @param model the model (rebuilt from this file or built in Java)
   * @param layout the model's layout (its layers in Keras's order)
   * @return every weight, checked against the model's shapes
   * @throws KerasFileException if the counts or shapes do not match
   */
  public Weights weights(Model model, KerasLayout layout) {
    List<KerasLayout.Site> wanted = new ArrayList<>();
    for (KerasLayout.Site s : layout.sites()) {
      if (!s.variables().isEmpty()) {
        wanted.add(s);
      }
    }
    List<LayerWeights> present = new ArrayList<>();
    for (LayerWeights l : layers) {
      if (!l.values().isEmpty()) {
        present.add(l);
      }
    }
    if (wanted.size() != present.size()) {
      throw new KerasFileException(file.toString(), "model_weights", "holds weights for "
          + present.size() + " layers " + names(present) + ", but the model has " + wanted.size()
          + " layers with weights " + siteNames(wanted));
    }
    Map<String, FloatBlock> values = new LinkedHashMap<>();
    for (int i = 0; i < wanted.size(); i++) {
      KerasLayout.Site site = wanted.get(i);
      LayerWeights stored = present.get(i);
      refuseTheanoKernels(site.layer());
      List<FloatBlock> converted = plainKeras2(site.layer(), stored);
      if (converted.size() != site.variables().size()) {
        throw new KerasFileException(file.toString(), stored.name(), "holds "
            + stored.values().size() + " weights " + stored.weightNames() + ", but "
            + site.layer().describe() + " has " + site.variables().size());
      }
      for (int k = 0; k < converted.size(); k++) {
        String javaName = site.layer().name() + "/" + site.variables().get(k).javaPath();
        FloatBlock v = converted.get(k);
        long[] want = model.weights().get(javaName).shape();
        if (!Arrays.equals(want, v.shape())) {
          throw new KerasFileException(file.toString(), stored.name() + "/"
              + weightName(stored, k, converted.size()), "has shape " + Arrays.toString(v.shape()) + ", but "
              + javaName + " needs " + Arrays.toString(want));
        }
        values.put(javaName, v);
      }
    }
    return Weights.of(values);
  }

  /**
   * A layer's stored weights in the layout its codec declares: Keras 1's per-gate weights fused,
   * then cuDNN's converted, the two conversions Keras 2's loader made.
   */
  private List<FloatBlock> plainKeras2(Layer layer, LayerWeights stored) {
    String f = file.toString();
    List<FloatBlock> keras2 = version.major() < 2
        ? WrappedWeights.convert(layer, stored.values(), f, stored.name(), Keras1Weights::toKeras2)
        : stored.values();
    return WrappedWeights.convert(layer, keras2, f, stored.name(), CudnnWeights::toPlain);
  }

  /** The stored name of weight k, or the layer's per-gate weights where Keras 1 fused them. */
  private static String weightName(LayerWeights stored, int k, int convertedCount) {
    return convertedCount == stored.weightNames().size() ? stored.weightNames().get(k)
        : "(per-gate weights fused into weight " + k + ")";
  }

  /**
   * Keras 2 flipped convolution kernels trained by Theano (a true convolution) when loading them
   * into TensorFlow (a correlation); that conversion is not done here, so such files are refused.
   */
  private void refuseTheanoKernels(Layer layer) {
    Layer inner = layer instanceof TimeDistributed t ? t.inner() : layer;
    if ("theano".equals(backend) && inner instanceof Conv1D) {
      throw new UnsupportedKerasFeatureException(file + ": " + layer.describe() + " was trained "
          + "with the Theano backend, whose flipped convolution kernels are not supported");
    }
  }

  private static List<String> names(List<LayerWeights> layers) {
    return layers.stream().map(LayerWeights::name).toList();
  }

  private static List<String> siteNames(List<KerasLayout.Site> sites) {
    return sites.stream().map(s -> s.layer().name()).toList();
  }

  /**
   * Writes a model and its weights in the legacy HDF5 layout Keras 3's {@code load_model} (and
   * tf.keras's) open: {@code model_config}, {@code keras_version}, {@code backend}, and one
   * group per layer under {@code model_weights} with its {@code weight_names}.
   *
   * @param file the file to create or replace (atomically)
   * @param model the model
   * @param weights its weights
   * @throws IllegalArgumentException if the weights do not fit the model
   * @throws UnsupportedKerasFeatureException if a layer has no Keras form
   * @throws KerasFileException if the file cannot be written
   */
  public static void write(Path file, Model model, Weights weights) {
    Weights checked = weights.requireComplete("model '" + model.name() + "'", model.weights());
    KerasLayout layout = KerasLayout.of(model);
    H5Writer h5 = new H5Writer();
    H5Writer.Group root = h5.root();
    root.attribute("backend", "tensorflow");
    root.attribute("keras_version", WRITTEN_FORMAT_VERSION);
    root.attribute("model_config", KerasJson.write(KerasConfigWriter.write(model)));
    H5Writer.Group mw = root.group("model_weights");
    mw.attribute("backend", "tensorflow");
    mw.attribute("keras_version", WRITTEN_FORMAT_VERSION);
    List<String> layerNames = new ArrayList<>();
    String scope = model.isSequential() ? model.name() + "/" : "";
    for (KerasLayout.Site site : layout.sites()) {
      Layer layer = site.layer();
      layerNames.add(layer.name());
      H5Writer.Group g = mw.group(layer.name());
      List<String> weightNames = new ArrayList<>();
      for (KerasVariable v : site.variables()) {
        String name = scope + layer.name() + "/" + v.variablePath();
        weightNames.add(name);
        g.dataset(name, checked.get(layer.name() + "/" + v.javaPath()));
      }
      if (!weightNames.isEmpty()) {
        g.attribute("weight_names", weightNames);
      }
    }
    mw.attribute("layer_names", layerNames);
    h5.writeTo(file);
  }
}
