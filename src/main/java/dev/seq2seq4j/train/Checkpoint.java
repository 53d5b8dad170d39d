package dev.seq2seq4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Trained weights on disk, with free-form metadata (recipe name, sizes, seed, metrics) so a model
 * can be rebuilt and reused for prediction without retraining.
 *
 * <p>A checkpoint is a folder holding {@code weights.json} (format, metadata, each weight's name,
 * shape and offset) and {@code weights.bin} (the values as little-endian float32). It is written
 * to a temporary sibling folder and moved into place, so a failed save never leaves a half
 * checkpoint, and a folder that holds anything but a checkpoint is never overwritten.
 */
public final class Checkpoint {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "seq2seq4j-weights";
  private static final String INDEX = "weights.json";
  private static final String DATA = "weights.bin";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Weights weights;
  private final Map<String, Object> metadata;

  private Checkpoint(Weights weights, Map<String, Object> metadata) {
    this.weights = weights;
    this.metadata = Collections.unmodifiableMap(metadata);
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
   * Saves weights and metadata (JSON-serialisable values) into {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} exists and holds files other than a checkpoint
   * @throws UncheckedIOException if writing fails (nothing is left half-written)
   */
  public static void save(Path dir, Weights weights, Map<String, Object> metadata) {
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target) && !isReplaceable(target)) {
      throw new IllegalArgumentException(
          "refusing to write a checkpoint into " + dir
              + ": it exists and holds files that are not a seq2seq4j checkpoint");
    }
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp");
      ObjectNode index = JSON.createObjectNode();
      index.put("format", FORMAT);
      index.put("version", 1);
      index.set("metadata", JSON.valueToTree(metadata));
      ArrayNode list = index.putArray("weights");
      long total = 0;
      for (Map.Entry<String, FloatBlock> e : weights) {
        ObjectNode w = list.addObject();
        w.put("name", e.getKey());
        ArrayNode shape = w.putArray("shape");
        for (long d : e.getValue().shape()) {
          shape.add(d);
        }
        w.put("offset", total);
        total += e.getValue().data().length;
      }
      ByteBuffer buf = ByteBuffer.allocate((int) (total * 4)).order(ByteOrder.LITTLE_ENDIAN);
      for (FloatBlock b : weights.asMap().values()) {
        buf.asFloatBuffer().put(b.data());
        buf.position(buf.position() + b.data().length * 4);
      }
      Files.write(tmp.resolve(DATA), buf.array());
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(INDEX).toFile(), index);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not save checkpoint to " + dir + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          deleteTree(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary folder is hidden and named after the target
        }
      }
    }
  }

  /**
   * Loads a checkpoint saved by {@link #save}.
   *
   * @throws IllegalArgumentException naming the problem if {@code dir} is missing, is not a
   *     checkpoint, or its files are inconsistent (truncated data, bad shapes)
   */
  public static Checkpoint load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("checkpoint folder not found: " + dir);
    }
    Path index = dir.resolve(INDEX);
    Path data = dir.resolve(DATA);
    if (!Files.isRegularFile(index) || !Files.isRegularFile(data)) {
      throw new IllegalArgumentException(
          dir + " is not a seq2seq4j checkpoint (expected " + INDEX + " and " + DATA + ")");
    }
    try {
      JsonNode root = JSON.readTree(index.toFile());
      if (root == null || !FORMAT.equals(root.path("format").asText())) {
        throw new IllegalArgumentException(index + " is not a " + FORMAT + " index");
      }
      byte[] bytes = Files.readAllBytes(data);
      ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      Map<String, FloatBlock> weights = new LinkedHashMap<>();
      for (JsonNode w : root.path("weights")) {
        String name = w.path("name").asText();
        long[] shape = new long[w.path("shape").size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = w.path("shape").get(i).asLong();
          size *= shape[i];
        }
        long offset = w.path("offset").asLong();
        if (shape.length == 0 || size <= 0 || offset < 0 || (offset + size) * 4 > bytes.length) {
          throw new IllegalArgumentException(
              "checkpoint " + dir + " is corrupt: weight '" + name + "' does not fit in " + DATA
                  + " (" + bytes.length + " bytes)");
        }
        float[] values = new float[(int) size];
        buf.position((int) (offset * 4));
        buf.asFloatBuffer().get(values);
        weights.put(name, FloatBlock.of(values, shape));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = JSON.convertValue(root.path("metadata"), LinkedHashMap.class);
      return new Checkpoint(Weights.of(weights), meta == null ? new LinkedHashMap<>() : meta);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "could not read checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isReplaceable(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      Iterator<Path> it = files.iterator();
      while (it.hasNext()) {
        String n = it.next().getFileName().toString();
        if (!n.equals(INDEX) && !n.equals(DATA)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    }
  }
}
