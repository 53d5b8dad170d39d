package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.h5.H5Group;
import dev.seq2seq4j.keras.h5.H5Limits;
import dev.seq2seq4j.keras.h5.H5Reader;
import dev.seq2seq4j.keras.h5.H5Writer;
import dev.seq2seq4j.keras.h5.KerasZip;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Keras 3 {@code .keras} archive (or a bare {@code model.weights.h5} from {@code
 * save_weights}): the config, the saving Keras version from {@code metadata.json}, and weights
 * read by where Keras keeps them ({@code layers/lstm/cell/vars/0}, by class-name counter and
 * variable order, as {@link KerasLayout} places them). tf.keras 2.13-2.15 archives, which keep
 * the layers under {@code _layer_checkpoint_dependencies}, are read too.
 */
public final class KerasArchive {
  /** The Keras version whose file layout {@link #write} follows. */
  public static final String WRITTEN_FORMAT_VERSION = "3.8.0";
  private static final String[] LAYER_ROOTS = {"layers", KerasLayout.CHECKPOINT_DEPENDENCIES};

  private final Path file;
  private final JsonNode config;
  private final KerasVersion version;
  private final byte[] weights;

  private KerasArchive(Path file, JsonNode config, KerasVersion version, byte[] weights) {
    this.file = file;
    this.config = config;
    this.version = version;
    this.weights = weights;
  }

  /**
   * Reads a {@code .keras} archive (sizes bounded, entry names never used as paths), or the
   * folder Keras writes with {@code zipped=False}.
   *
   * @param file the archive, or an unzipped archive's folder
   * @return its config, version and weights
   * @throws KerasFileException if it is not a readable archive
   * @throws UnsupportedKerasFeatureException if its config is not valid JSON
   */
  public static KerasArchive read(Path file) {
    KerasZip zip = Files.isDirectory(file) ? KerasZip.readFolder(file, H5Limits.DEFAULT)
        : KerasZip.read(file);
    JsonNode config = KerasJson.parse(zip.configJson().getBytes(StandardCharsets.UTF_8),
        file + " (" + KerasZip.CONFIG + ")");
    KerasVersion version = zip.kerasVersion().map(v -> {
      try {
        return KerasVersion.parse(v);
      } catch (IllegalArgumentException e) {
        throw new KerasFileException(file.toString(), KerasZip.METADATA,
            "keras_version '" + v + "' is not a version");
      }
    }).orElse(KerasVersion.KERAS_3);
    return new KerasArchive(file, config, version, zip.weightsBytes());
  }

  /**
   * The model config ({@code config.json}).
   *
   * @return the config
   */
  public JsonNode config() {
    return config;
  }

  /**
   * The Keras version that saved the archive.
   *
   * @return from {@code metadata.json}, or Keras 3 if it names none
   */
  public KerasVersion version() {
    return version;
  }

  /**
   * Rebuilds the model the archive describes.
   *
   * @param inputShapes per-sample shapes for Inputs whose config leaves sizes open
   * @return the native model and its layout
   */
  public KerasModel model(Map<String, long[]> inputShapes) {
    return KerasTopology.read(config, version, inputShapes);
  }

  /**
   * The archive's weights for a model rebuilt from it.
   *
   * @param model the rebuilt model
   * @return every weight, checked against the model's shapes
   * @throws KerasFileException if a weight is missing or has another shape
   */
  public Weights weights(KerasModel model) {
    return weights(model.model(), model.layout());
  }

  /**
   * The archive's weights for a model (rebuilt from it, or built in Java with the same layers).
   *
   * @param model the model
   * @param layout where each weight sits
   * @return every weight, checked against the model's shapes
   * @throws KerasFileException if a weight is missing or has another shape
   */
  public Weights weights(Model model, KerasLayout layout) {
    try (H5Reader h5 = H5Reader.fromBytes(file + " (" + KerasZip.WEIGHTS + ")", weights)) {
      return readWeights(h5, model, layout);
    }
  }

  /**
   * Reads weights kept in the {@code .keras} layout from an open weights file, such as one
   * written by Keras 3's {@code model.save_weights("x.weights.h5")}.
   *
   * @param h5 the weights file
   * @param model the model they belong to
   * @param layout where each weight sits
   * @return every weight of the model
   * @throws KerasFileException if one is missing or has another shape
   */
  public static Weights readWeights(H5Reader h5, Model model, KerasLayout layout) {
    H5Group root = h5.root();
    String prefix = layersRoot(root, h5.source());
    Map<String, String> groups = prefix.equals(KerasLayout.CHECKPOINT_DEPENDENCIES)
        ? layout.checkpointDependencyGroups() : Map.of();
    Map<String, FloatBlock> values = new LinkedHashMap<>();
    for (KerasLayout.Placement p : layout.placements().values()) {
      String group = p.site().archiveGroup();
      String path = groups.getOrDefault(group, group) + p.archivePath().substring(group.length());
      if (!root.isDataset(path)) {
        throw new KerasFileException(h5.source(), path, "missing: it should hold "
            + p.javaName() + " " + Arrays.toString(model.weights().get(p.javaName()).shape())
            + " of " + p.site().layer().describe());
      }
      FloatBlock v = root.readFloats(path);
      long[] want = model.weights().get(p.javaName()).shape();
      if (!Arrays.equals(want, v.shape())) {
        throw new KerasFileException(h5.source(), path, "has shape " + Arrays.toString(v.shape())
            + ", but " + p.javaName() + " of the config needs " + Arrays.toString(want));
      }
      values.put(p.javaName(), v);
    }
    return Weights.of(values);
  }

  private static String layersRoot(H5Group root, String source) {
    for (String r : LAYER_ROOTS) {
      if (root.isGroup(r)) {
        return r;
      }
    }
    throw new KerasFileException(source, "/", "has no 'layers' group: not Keras weights");
  }

  /**
   * Writes a model and its weights as a {@code .keras} archive that Keras 3's {@code
   * load_model} opens: {@code config.json} from {@link KerasConfigWriter}, {@code
   * metadata.json}, and {@code model.weights.h5} with every group Keras's loader visits.
   *
   * @param file the archive to create or replace (atomically)
   * @param model the model
   * @param weights its weights
   * @throws IllegalArgumentException if the weights do not fit the model
   * @throws UnsupportedKerasFeatureException if a layer has no Keras form
   * @throws KerasFileException if the file cannot be written
   */
  public static void write(Path file, Model model, Weights weights) {
    Weights checked = weights.requireComplete("model '" + model.name() + "'", model.weights());
    String config = KerasJson.write(KerasConfigWriter.write(model));
    KerasLayout layout = KerasLayout.of(model);
    H5Writer h5 = new H5Writer();
    h5.root().group("vars");
    for (KerasLayout.Site site : layout.sites()) {
      h5.root().group(site.archiveGroup() + "/vars");
    }
    for (KerasLayout.Placement p : layout.placements().values()) {
      String path = p.archivePath();
      // Every object on the way to a variable is a saveable whose own vars group Keras visits.
      String[] parts = path.split("/");
      StringBuilder at = new StringBuilder(parts[0]);
      for (int i = 1; i < parts.length - 2; i++) {
        at.append('/').append(parts[i]);
        h5.root().group(at + "/vars");
      }
      h5.root().dataset(path, checked.get(p.javaName()));
    }
    KerasZip.write(file, config, KerasZip.metadata(WRITTEN_FORMAT_VERSION, LocalDateTime.now()),
        h5.toBytes());
  }

  /**
   * The archive's file.
   *
   * @return the path read
   */
  public Path file() {
    return file;
  }

  /**
   * Whether the archive's version differs in maths from Keras 3 for this config.
   *
   * @return a warning, if Keras 3 would compute another function for this file
   */
  public Optional<String> keras3Warning() {
    return KerasVersionWarnings.of(config, version);
  }
}
