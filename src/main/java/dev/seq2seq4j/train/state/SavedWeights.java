package dev.seq2seq4j.train.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Trained weights on disk with free-form metadata (recipe name, sizes, seed, metrics), so that a
 * model can be rebuilt and used for prediction without retraining ({@code train --save DIR},
 * read by {@code predict --model DIR}). For resuming training see {@link TrainingState}.
 *
 * <p>The folder holds {@code weights.json} (format {@value #FORMAT} version {@value #VERSION},
 * metadata, each weight's name, shape, offset and CRC32C) and {@code weights.bin} (a header
 * with the index's CRC32C, then the values as little-endian float32). Loading verifies both
 * checksums, every shape and offset, and the version. Saving writes a sibling folder and swaps
 * it in, so replacing saved weights never leaves none, even if the process is killed; a folder
 * that holds anything else is never overwritten.
 */
public final class SavedWeights {
  /** The value of the index's {@code format} field. */
  public static final String FORMAT = "seq2seq4j-weights";
  /** The format version this build writes and reads (1 had no checksums). */
  public static final int VERSION = 2;
  private static final String BASE = "weights";
  private static final Set<String> FILES = Set.of(BASE + ".json", BASE + ".bin");

  private final Weights weights;
  private final Map<String, Object> metadata;

  private SavedWeights(Weights weights, Map<String, Object> metadata) {
    this.weights = weights;
    this.metadata = Collections.unmodifiableMap(metadata);
  }

  /**
   * The names of the files a saved-weights folder holds.
   *
   * @return {@code weights.json} and {@code weights.bin}
   */
  public static Set<String> fileNames() {
    return FILES;
  }

  /**
   * Checks, before training starts, that {@link #save} may write {@code dir}: it is absent or
   * holds saved weights only.
   *
   * @param dir the folder
   * @throws IllegalArgumentException if it holds anything else
   * @throws UncheckedIOException if it cannot be listed
   */
  public static void checkTarget(Path dir) {
    try {
      AtomicDirectory.requireOurs(dir, FILES, "weights");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The weights by qualified name, in saved order. */
  public Weights weights() {
    return weights;
  }

  /** The metadata saved with the weights. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * Saves weights and metadata (JSON-serialisable values) into {@code dir}, replacing saved
   * weights already there.
   *
   * @throws IllegalArgumentException if {@code dir} exists and holds files other than saved
   *     weights
   * @throws UncheckedIOException if writing fails (the previous contents are then intact)
   */
  public static void save(Path dir, Weights weights, Map<String, Object> metadata) {
    AtomicDirectory.replace(dir, FILES, "weights", tmp -> {
      ObjectNode index = TensorFile.JSON.createObjectNode();
      index.put("format", FORMAT);
      index.put("version", VERSION);
      index.set("metadata", TensorFile.JSON.valueToTree(metadata));
      TensorFile.write(tmp, BASE, index, "weights", weights.asMap());
    });
  }

  /**
   * Loads weights saved by {@link #save}, first completing any interrupted save.
   *
   * @throws IllegalArgumentException naming the problem if {@code dir} is missing, is not saved
   *     weights, has an unknown version, or fails a checksum or size check
   * @throws UncheckedIOException if reading fails
   */
  public static SavedWeights load(Path dir) {
    try {
      AtomicDirectory.recover(dir);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("checkpoint folder not found: " + dir);
      }
      TensorFile.Opened f = TensorFile.open(dir, BASE, "saved weights " + dir, FORMAT, VERSION);
      Map<String, FloatBlock> values = f.tensors("weights");
      JsonNode meta = f.index().path("metadata");
      if (!meta.isObject()) {
        throw f.corrupt("the index has no metadata object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = TensorFile.JSON.convertValue(meta, LinkedHashMap.class);
      return new SavedWeights(Weights.of(values), m);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read saved weights " + dir + ": " + e.getMessage(),
          e);
    }
  }
}
