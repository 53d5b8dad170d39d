package dev.seq2seq4j.interop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.savedmodel.CheckpointIndex;
import dev.seq2seq4j.interop.savedmodel.CheckpointReader;
import dev.seq2seq4j.interop.savedmodel.CheckpointWeights;
import dev.seq2seq4j.interop.savedmodel.ModelLoadException;
import dev.seq2seq4j.interop.savedmodel.SavedModelInspector;
import dev.seq2seq4j.keras.KerasArchive;
import dev.seq2seq4j.keras.KerasLayout;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.keras.LegacyH5;
import dev.seq2seq4j.keras.h5.H5Reader;
import dev.seq2seq4j.keras.h5.ShardedWeights;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A model file opened and validated by {@link ModelFiles#open}: what format it is, which Keras
 * saved it, the model config it carries (if any) and how to read a model's weights from it. Each
 * file was read and checked once; the weights are read from what was checked.
 */
public sealed interface ModelFile {
  /**
   * The path as given.
   *
   * @return the file or folder
   */
  Path path();

  /**
   * A short description of the format, for messages and {@code inspect}.
   *
   * @return e.g. {@code .keras archive}
   */
  String format();

  /**
   * The Keras version that saved the file, where it says.
   *
   * @return the version, or empty
   */
  Optional<KerasVersion> kerasVersion();

  /**
   * The Keras model config the file carries.
   *
   * @return the config, or empty for weights-only files
   */
  Optional<JsonNode> kerasConfig();

  /**
   * Reads a model's weights from the file by the exact names its format gives them.
   *
   * @param model the model (rebuilt from the config, or built in Java)
   * @param layout where each weight sits in Keras's files
   * @return every weight of the model
   * @throws RuntimeException ({@code KerasFileException} or {@code ModelLoadException}) naming
   *     the file and the weight that is missing or misshaped
   */
  Weights readWeights(Model model, KerasLayout layout);

  /**
   * A warning where Keras 3 would load this file with other maths than the saving Keras.
   *
   * @return the warning, or empty
   */
  Optional<String> keras3Warning();

  /**
   * A SavedModel folder ({@code model.export}, Keras 2 {@code model.save(dir)}, seq2seq4j's
   * export): config from its parity.json or {@code keras_metadata.pb}, weights from {@code
   * variables/}, checked once.
   *
   * @param path the folder
   * @param checked its saved_model.pb and verified checkpoint index
   * @param parity its parity.json, if it has one
   * @param config its Keras config, if any
   * @param version the Keras version that saved it, if known
   */
  record SavedModelFolder(Path path, SavedModelInspector.Checked checked, Optional<ParityFile> parity,
      Optional<JsonNode> config, Optional<KerasVersion> version) implements ModelFile {
    @Override
    public String format() {
      return "SavedModel (" + checked.description().format() + ")";
    }

    @Override
    public Optional<KerasVersion> kerasVersion() {
      return version;
    }

    @Override
    public Optional<JsonNode> kerasConfig() {
      return config;
    }

    @Override
    public Weights readWeights(Model model, KerasLayout layout) {
      if (checked.checkpoint() == null) {
        throw new dev.seq2seq4j.interop.savedmodel.ModelLoadException(path + " has no variables");
      }
      Path prefix = path.resolve("variables").resolve("variables");
      return CheckpointWeights.read(model, layout, CheckpointReader.open(prefix, checked.checkpoint()));
    }

    @Override
    public Optional<String> keras3Warning() {
      return Optional.empty();
    }
  }

  /**
   * A Keras 3 {@code .keras} archive.
   *
   * @param path the file
   * @param archive what it holds
   */
  record KerasArchiveFile(Path path, KerasArchive archive) implements ModelFile {
    @Override
    public String format() {
      return java.nio.file.Files.isDirectory(path) ? "unzipped .keras archive (a folder)"
          : ".keras archive";
    }

    @Override
    public Optional<KerasVersion> kerasVersion() {
      return Optional.of(archive.version());
    }

    @Override
    public Optional<JsonNode> kerasConfig() {
      return Optional.of(archive.config());
    }

    @Override
    public Weights readWeights(Model model, KerasLayout layout) {
      return archive.weights(model, layout);
    }

    @Override
    public Optional<String> keras3Warning() {
      return archive.keras3Warning();
    }
  }

  /**
   * A legacy HDF5 file: a whole model ({@code model.save("x.h5")}) or weights only ({@code
   * save_weights("x.h5")}).
   *
   * @param path the file
   * @param h5 what it holds
   */
  record LegacyH5File(Path path, LegacyH5 h5) implements ModelFile {
    @Override
    public String format() {
      return h5.config().isPresent() ? "legacy HDF5 model" : "legacy HDF5 weights (save_weights)";
    }

    @Override
    public Optional<KerasVersion> kerasVersion() {
      return Optional.of(h5.version());
    }

    @Override
    public Optional<JsonNode> kerasConfig() {
      return h5.config();
    }

    @Override
    public Weights readWeights(Model model, KerasLayout layout) {
      return h5.weights(model, layout);
    }

    @Override
    public Optional<String> keras3Warning() {
      return h5.keras3Warning();
    }
  }

  /**
   * Keras 3 weights alone ({@code model.save_weights("x.weights.h5")}), in the {@code .keras}
   * layout, or sharded ({@code save_weights("x.weights.json", max_shard_size=...)}, Keras
   * 3.10+): an index beside shard files, read as one tree.
   *
   * @param path the file, or the sharded weights' index
   * @param sharded whether {@code path} is a {@code .weights.json} index
   */
  record KerasWeightsFile(Path path, boolean sharded) implements ModelFile {
    @Override
    public String format() {
      return sharded ? "Keras 3 sharded weights (save_weights with max_shard_size)"
          : "Keras 3 weights (save_weights)";
    }

    @Override
    public Optional<KerasVersion> kerasVersion() {
      return Optional.empty();
    }

    @Override
    public Optional<JsonNode> kerasConfig() {
      return Optional.empty();
    }

    @Override
    public Weights readWeights(Model model, KerasLayout layout) {
      try (H5Reader h5 = sharded ? ShardedWeights.open(path) : H5Reader.open(path)) {
        return KerasArchive.readWeights(h5, model, layout);
      }
    }

    @Override
    public Optional<String> keras3Warning() {
      return Optional.empty();
    }
  }

  /**
   * A TensorFlow checkpoint ({@code save_weights} in TensorFlow format): weights only, checked
   * once.
   *
   * @param path the prefix
   * @param index its verified index
   */
  record CheckpointFile(Path path, CheckpointIndex index) implements ModelFile {
    @Override
    public String format() {
      return "TensorFlow checkpoint";
    }

    @Override
    public Optional<KerasVersion> kerasVersion() {
      return Optional.empty();
    }

    @Override
    public Optional<JsonNode> kerasConfig() {
      return Optional.empty();
    }

    @Override
    public Weights readWeights(Model model, KerasLayout layout) {
      return CheckpointWeights.read(model, layout, CheckpointReader.open(path, index));
    }

    @Override
    public Optional<String> keras3Warning() {
      return Optional.empty();
    }
  }
}
