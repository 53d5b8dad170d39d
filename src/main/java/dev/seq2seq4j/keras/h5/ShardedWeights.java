package dev.seq2seq4j.keras.h5;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.keras.KerasJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keras 3.10+ sharded weights ({@code model.save_weights("m.weights.json",
 * max_shard_size=...)}): an index, {@code {"metadata": ..., "weight_map": {"/layers/lstm/cell/vars":
 * ["m_00000.weights.h5", ...], ...}}}, beside shard files that each hold part of the Keras 3
 * weights tree. Keras reads a variable from whichever listed shard holds it; this reader merges
 * the shards into one tree of the {@code .weights.h5} layout, so every other part of seq2seq4j
 * reads sharded weights like unsharded ones.
 *
 * <p>The index is untrusted like any model file: shard names must be plain file names in the
 * index's folder (no path, no {@code ..}), their number and total size are bounded by {@link
 * H5Limits}, and a variable stored in two shards is refused (which copy counts would be a
 * guess).
 */
public final class ShardedWeights {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ShardedWeights() {}

  /**
   * Whether a file is a sharded-weights index by its name, as Keras requires ({@code
   * *.weights.json}).
   *
   * @param file a path
   * @return true if it ends with {@code .weights.json}
   */
  public static boolean isIndexName(Path file) {
    return file.getFileName() != null && file.getFileName().toString().endsWith(".weights.json");
  }

  /**
   * Opens sharded weights as one HDF5 tree.
   *
   * @param index the {@code .weights.json} index
   * @return the merged weights, in the {@code .weights.h5} layout
   * @throws KerasFileException naming the index or shard and the problem
   */
  public static H5Reader open(Path index) {
    return open(index, H5Limits.DEFAULT);
  }

  /**
   * Opens sharded weights as one HDF5 tree, within limits.
   *
   * @param index the {@code .weights.json} index
   * @param limits bounds on the index size ({@link H5Limits#maxJsonBytes()}), the number of
   *     shards ({@link H5Limits#maxChildren()}), their total size ({@link
   *     H5Limits#maxFileBytes()}) and on each shard's contents
   * @return the merged weights
   * @throws KerasFileException naming the index or shard and the problem
   */
  public static H5Reader open(Path index, H5Limits limits) {
    String name = index.toString();
    Set<String> shards = shardNames(name, readIndex(index, limits), limits);
    long total = 0;
    for (String shard : shards) {
      Path file = index.resolveSibling(shard);
      if (!Files.isRegularFile(file)) {
        throw new KerasFileException(name, "weight_map", "names shard '" + shard
            + "', which is not a file beside the index");
      }
      try {
        total += Files.size(file);
      } catch (IOException e) {
        throw new KerasFileException(name, shard, "cannot be read: " + e.getMessage(), e);
      }
      if (total > limits.maxFileBytes()) {
        throw new KerasFileException(name, "weight_map", "names shards of more than "
            + limits.maxFileBytes() + " bytes in all");
      }
    }
    H5Writer merged = new H5Writer();
    Set<String> datasets = new HashSet<>();
    for (String shard : shards) {
      try (H5Reader part = H5Reader.open(index.resolveSibling(shard), limits)) {
        copy(part.root(), merged.root(), datasets, name, shard);
      }
    }
    return H5Reader.fromBytes(name, merged.toBytes(), limits);
  }

  private static JsonNode readIndex(Path index, H5Limits limits) {
    String name = index.toString();
    try {
      if (Files.size(index) > limits.maxJsonBytes()) {
        throw new KerasFileException(name, "", "is larger than the limit of "
            + limits.maxJsonBytes() + " bytes for a sharded-weights index");
      }
      JsonNode root = JSON.readTree(Files.readAllBytes(index));
      if (root == null || !root.isObject() || !root.path("weight_map").isObject()
          || root.get("weight_map").isEmpty()) {
        throw new KerasFileException(name, "", "is not a sharded-weights index (no "
            + "weight_map object listing shard files)");
      }
      return root.get("weight_map");
    } catch (JsonProcessingException e) {
      throw new KerasFileException(name, "", "is not valid JSON: " + KerasJson.describe(e), e);
    } catch (IOException e) {
      throw new KerasFileException(name, "", "cannot be read: " + e.getMessage(), e);
    }
  }

  /** Every shard the weight map names, in order of first mention, checked. */
  private static Set<String> shardNames(String name, JsonNode weightMap, H5Limits limits) {
    Set<String> shards = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode files = e.getValue();
      if (files.isTextual()) {
        shards.add(checkedShardName(name, e.getKey(), files.asText()));
      } else if (files.isArray() && !files.isEmpty()) {
        for (JsonNode f : files) {
          if (!f.isTextual()) {
            throw new KerasFileException(name, "weight_map", "entry '" + e.getKey()
                + "' lists something that is not a file name");
          }
          shards.add(checkedShardName(name, e.getKey(), f.asText()));
        }
      } else {
        throw new KerasFileException(name, "weight_map", "entry '" + e.getKey()
            + "' lists no shard files");
      }
      if (shards.size() > limits.maxChildren()) {
        throw new KerasFileException(name, "weight_map", "names more than "
            + limits.maxChildren() + " shards");
      }
    }
    return shards;
  }

  /** A shard must be a plain file name beside the index: names never reach other folders. */
  private static String checkedShardName(String name, String key, String shard) {
    boolean plain = !shard.isEmpty() && !shard.equals(".") && !shard.equals("..")
        && shard.chars().noneMatch(c -> c == '/' || c == '\\' || c == ':' || c < 0x20);
    if (!plain) {
      throw new KerasFileException(name, "weight_map", "entry '" + key + "' names shard '"
          + shard + "', which is not a plain file name beside the index");
    }
    if (!shard.endsWith(".h5")) {
      throw new KerasFileException(name, "weight_map", "entry '" + key + "' names shard '"
          + shard + "', which is not an .h5 file");
    }
    return shard;
  }

  /** Copies a shard's tree into the merged one; a dataset already there is an error. */
  private static void copy(H5Group from, H5Writer.Group to, Set<String> datasets, String name,
      String shard) {
    for (String child : from.childNames()) {
      if (from.isGroup(child)) {
        copy(from.requireGroup(child), to.group(child), datasets, name, shard);
        continue;
      }
      String path = from.path().equals("/") ? "/" + child : from.path() + "/" + child;
      if (!datasets.add(path)) {
        throw new KerasFileException(name, path, "is stored in more than one shard (again in "
            + shard + "); which copy counts is ambiguous");
      }
      if (from.datasetType(child).startsWith("float")) {
        to.dataset(child, from.readFloats(child));
      } else {
        to.longDataset(child, from.readLongs(child), from.datasetShape(child));
      }
    }
  }
}
