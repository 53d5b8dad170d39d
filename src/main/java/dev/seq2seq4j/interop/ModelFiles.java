package dev.seq2seq4j.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.savedmodel.CheckpointIndex;
import dev.seq2seq4j.interop.savedmodel.ModelLoadException;
import dev.seq2seq4j.interop.savedmodel.SavedModelInspector;
import dev.seq2seq4j.keras.KerasArchive;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.keras.LegacyH5;
import dev.seq2seq4j.keras.h5.H5Reader;
import dev.seq2seq4j.keras.h5.KerasZip;
import dev.seq2seq4j.keras.h5.ShardedWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one door for model files: {@link #open} tells a SavedModel folder, a {@code .keras}
 * archive (zipped or a {@code zipped=False} folder), a legacy HDF5 file (model or weights),
 * Keras 3 weights (one file or sharded with a {@code .weights.json} index) and a TensorFlow
 * checkpoint
 * apart by their content, not their name, and validates the file once in plain Java, so a
 * missing, truncated or foreign file is a one-line error naming it before native code runs.
 */
public final class ModelFiles {
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private ModelFiles() {}

  /**
   * Opens a model file of any supported format.
   *
   * @param path a SavedModel folder, a {@code .keras} or HDF5 file, or a checkpoint prefix
   *     (the path before {@code .index})
   * @return the validated file
   * @throws ModelLoadException naming the path if it does not exist or is no model file
   * @throws KerasFileException naming the file and the problem if a Keras file is invalid
   */
  public static ModelFile open(Path path) {
    if (Files.isDirectory(path)) {
      return openFolder(path);
    }
    if (!Files.exists(path)) {
      Path index = Path.of(path + ".index");
      if (Files.isRegularFile(index)) {
        return new ModelFile.CheckpointFile(path, CheckpointIndex.read(path).verifyData());
      }
      throw new ModelLoadException("model file not found: " + path);
    }
    if (!Files.isRegularFile(path)) {
      throw new ModelLoadException(path + " is not a regular file");
    }
    String name = path.getFileName().toString();
    if (name.endsWith(".index")) {
      Path prefix = path.resolveSibling(name.substring(0, name.length() - ".index".length()));
      return new ModelFile.CheckpointFile(prefix, CheckpointIndex.read(prefix).verifyData());
    }
    if (ShardedWeights.isIndexName(path)) {
      ShardedWeights.open(path).close(); // validated once, like every other format
      return new ModelFile.KerasWeightsFile(path, true);
    }
    byte[] head = head(path);
    if (startsWith(head, ZIP)) {
      return new ModelFile.KerasArchiveFile(path, KerasArchive.read(path));
    }
    if (startsWith(head, HDF5)) {
      return openHdf5(path);
    }
    throw new ModelLoadException(path + " is not a model file seq2seq4j reads: expected a "
        + "SavedModel folder, a .keras archive, an HDF5 (.h5) file or a TensorFlow checkpoint");
  }

  private static ModelFile openFolder(Path dir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      if (KerasZip.isUnzippedArchive(dir)) {
        return new ModelFile.KerasArchiveFile(dir, KerasArchive.read(dir));
      }
      throw new ModelLoadException(dir + " is a folder but not a SavedModel (it has no "
          + "saved_model.pb) nor an unzipped .keras archive (config.json, model.weights.h5)");
    }
    SavedModelInspector.Checked checked = SavedModelInspector.validate(dir);
    Optional<ParityFile> parity = Files.isRegularFile(dir.resolve(ParityFile.FILE_NAME))
        ? Optional.of(ParityFile.read(dir)) : Optional.empty();
    Optional<JsonNode> config = parity.map(ParityFile::modelConfig).filter(c -> !c.isNull());
    Optional<KerasVersion> version = parity.map(p -> p.versions() == null ? null
        : p.versions().get("keras")).flatMap(ModelFiles::version);
    Path metadata = dir.resolve("keras_metadata.pb");
    if (config.isEmpty() && Files.isRegularFile(metadata)) {
      JsonNode root = KerasConfigSource.fromKerasMetadata(metadata);
      config = Optional.of(root);
      version = Optional.of(KerasVersion.ofConfig(root));
    }
    return new ModelFile.SavedModelFolder(dir, checked, parity, config, version);
  }

  /** A legacy model or weights file has layer_names; Keras 3 weights have a layers group. */
  private static ModelFile openHdf5(Path file) {
    try (H5Reader h5 = H5Reader.open(file)) {
      var root = h5.root();
      boolean legacy = root.stringAttribute("model_config").isPresent()
          || root.isGroup("model_weights") || root.attributeNames().contains("layer_names");
      if (legacy) {
        return new ModelFile.LegacyH5File(file, LegacyH5.from(file, h5));
      }
      if (root.isGroup("layers") || root.isGroup("_layer_checkpoint_dependencies")) {
        return new ModelFile.KerasWeightsFile(file, false);
      }
      throw new KerasFileException(file.toString(), "/", "is HDF5 but neither a Keras model "
          + "nor Keras weights (no model_config, layer_names or layers group)");
    }
  }

  private static Optional<KerasVersion> version(String text) {
    try {
      return Optional.of(KerasVersion.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(8);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
  }
}
