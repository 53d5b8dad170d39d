package dev.seq2seq4j.interop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
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
   * The config in an HDF5 Keras file: the JSON of its {@code model_config} attribute, found as
   * the first {@code {"class_name": ...}} object in the file's bytes (HDF5 stores a short string
   * attribute contiguously, so no HDF5 library is needed), in a {@code .keras} archive's
   * {@code config.json}, or in a plain JSON file.
   *
   * @param file an HDF5, {@code .keras} or JSON file
   * @return the model config (top level {@code class_name} and {@code config})
   * @throws IllegalArgumentException if no model config is found
   */
  public static JsonNode fromFile(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K') {
        return fromKerasArchive(file);
      }
      String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1).strip();
      if (head.startsWith("{")) {
        JsonNode node = JSON.readTree(bytes);
        return node.has("class_name") ? node : node.path("config");
      }
      byte[] marker = "{\"class_name\": \"".getBytes(StandardCharsets.US_ASCII);
      for (int i = indexOf(bytes, marker, 0); i >= 0; i = indexOf(bytes, marker, i + 1)) {
        try (JsonParser p = JSON.getFactory().createParser(bytes, i, bytes.length - i)) {
          JsonNode node = JSON.readTree(p);
          String cls = node.path("class_name").asText();
          if (cls.equals("Model") || cls.equals("Functional") || cls.equals("Sequential")) {
            return node;
          }
        } catch (IOException ignored) {
          // not a complete JSON object at this position; keep looking
        }
      }
      throw new IllegalArgumentException(file + " holds no Keras model config");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A Keras 3 {@code .keras} file is a zip archive whose {@code config.json} is the config. */
  private static JsonNode fromKerasArchive(Path file) throws IOException {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
      java.util.zip.ZipEntry entry = zip.getEntry("config.json");
      if (entry == null) {
        throw new IllegalArgumentException(file + " is a zip archive without config.json");
      }
      try (var in = zip.getInputStream(entry)) {
        return JSON.readTree(in);
      }
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
