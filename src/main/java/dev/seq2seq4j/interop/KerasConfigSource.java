package dev.seq2seq4j.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.keras.KerasJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Keras model config ({@code model.to_json()}) that describes a saved model: in a
 * parity.json, in a Keras 2 SavedModel's {@code keras_metadata.pb}, in an HDF5 file's {@code
 * model_config} attribute, in a Keras 3 {@code .keras} archive, or in a plain JSON file.
 */
public final class KerasConfigSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KerasConfigSource() {}

  /**
   * The config stored with a SavedModel folder: parity.json's {@code model_config} or the root
   * object of keras_metadata.pb.
   *
   * @param dir the SavedModel folder
   * @return the config, or empty if the folder carries none
   */
  public static Optional<JsonNode> fromSavedModel(Path dir) {
    Path parity = dir.resolve(ParityFile.FILE_NAME);
    if (Files.isRegularFile(parity)) {
      JsonNode config = ParityFile.read(dir).modelConfig();
      if (config != null && !config.isNull()) {
        return Optional.of(config);
      }
    }
    Path metadata = dir.resolve("keras_metadata.pb");
    if (Files.isRegularFile(metadata)) {
      return Optional.of(fromKerasMetadata(metadata));
    }
    return Optional.empty();
  }

  /**
   * The root model's config from a Keras 2 {@code keras_metadata.pb} (a {@code SavedMetadata}
   * proto whose nodes carry JSON metadata; the root's holds {@code class_name} and {@code
   * config}).
   *
   * @param file the {@code keras_metadata.pb}
   * @return the root model's config
   * @throws IllegalArgumentException if the file holds no root model metadata
   */
  public static JsonNode fromKerasMetadata(Path file) {
    try {
      // SavedMetadata { repeated SavedObject nodes = 1; }
      // SavedObject { int32 node_id = 2; string node_path = 3; string identifier = 4; string metadata = 5; }
      UnknownFieldSet root = UnknownFieldSet.parseFrom(Files.readAllBytes(file));
      UnknownFieldSet.Field nodes = root.getField(1);
      for (ByteString bytes : nodes.getLengthDelimitedList()) {
        UnknownFieldSet node = UnknownFieldSet.parseFrom(bytes);
        String path = first(node, 3);
        if ("root".equals(path)) {
          return JSON.readTree(first(node, 5));
        }
      }
      throw new IllegalArgumentException(file + " holds no metadata for the root model");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": the root model's metadata is not valid JSON: "
          + KerasJson.describe(e), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String first(UnknownFieldSet node, int field) {
    if (!node.hasField(field) || node.getField(field).getLengthDelimitedList().isEmpty()) {
      return null;
    }
    return node.getField(field).getLengthDelimitedList().get(0).toString(StandardCharsets.UTF_8);
  }

  /**
   * The model config a file holds: a JSON file ({@code model.to_json()} or a parity.json with
   * {@code model_config}), or any model file that carries one ({@code .keras}, legacy {@code
   * .h5}, a SavedModel folder).
   *
   * @param file the file
   * @return the model config (top level {@code class_name} and {@code config})
   * @throws IllegalArgumentException if the file holds no model config
   */
  public static JsonNode fromFile(Path file) {
    if (Files.isRegularFile(file)) {
      byte[] head = new byte[1];
      try (var in = Files.newInputStream(file)) {
        int n = in.read(head);
        if (n == 1 && (head[0] == '{' || Character.isWhitespace(head[0]))) {
          JsonNode node = KerasJson.parse(Files.readAllBytes(file), file.toString());
          JsonNode config = node.has("model_config") ? node.get("model_config") : node;
          if (!config.has("class_name")) {
            throw new IllegalArgumentException(file + " holds no Keras model config");
          }
          return config;
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return ModelFiles.open(file).kerasConfig().orElseThrow(
        () -> new IllegalArgumentException(file + " holds no Keras model config"));
  }
}
