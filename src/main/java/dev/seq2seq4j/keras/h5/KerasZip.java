package dev.seq2seq4j.keras.h5;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.keras.KerasJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A Keras 3 {@code .keras} archive: a zip of {@code metadata.json}, {@code config.json} and
 * {@code model.weights.h5}, read into memory or written as Keras writes it.
 *
 * <p>Reading trusts nothing in the zip's headers. Entry names must be relative and free of
 * {@code ..} (they never reach the file system here, but an archive holding them is not one
 * Keras wrote), each name appears once, and every entry is inflated into a buffer of its
 * declared size, failing as soon as it inflates past that size or past the limit: a zip bomb
 * fails after at most the limit's worth of work, with no more than the limit allocated.
 * Checksums are verified. Sharded weights (a {@code model.weights.json} with shard files,
 * Keras 3.10+) and {@code .npz} weights are recognised and refused by name.
 */
public final class KerasZip {

  /** The model config entry. */
  public static final String CONFIG = "config.json";
  /** The Keras version and save date entry. */
  public static final String METADATA = "metadata.json";
  /** The weights entry. */
  public static final String WEIGHTS = "model.weights.h5";

  private static final String SHARD_INDEX = "model.weights.json";
  private static final String NPZ_WEIGHTS = "model.weights.npz";
  private static final Pattern SHARD = Pattern.compile(".*_\\d{5}\\.weights\\.h5");
  private static final DateTimeFormatter KERAS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final H5Limits limits;
  private final List<String> entryNames;
  private final String config;
  private final String metadata;
  private final byte[] weights;

  private KerasZip(String source, H5Limits limits, List<String> entryNames, String config,
      String metadata, byte[] weights) {
    this.source = source;
    this.limits = limits;
    this.entryNames = entryNames;
    this.config = config;
    this.metadata = metadata;
    this.weights = weights;
  }

  /**
   * Reads an archive with the default limits.
   *
   * @param file a {@code .keras} file
   * @return its contents
   * @throws KerasFileException if it is not a valid Keras archive
   */
  public static KerasZip read(Path file) {
    return read(file, H5Limits.DEFAULT);
  }

  /**
   * Reads an archive: {@code config.json} (required, a JSON object), {@code metadata.json}
   * (optional, a JSON object) and {@code model.weights.h5} (required).
   *
   * @param file a {@code .keras} file
   * @param limits the bounds: {@link H5Limits#maxJsonBytes()} for the JSON entries, {@link
   *     H5Limits#maxFileBytes()} for the weights, {@link H5Limits#maxChildren()} entries
   * @return its contents
   * @throws KerasFileException if it is not a valid Keras archive
   */
  public static KerasZip read(Path file, H5Limits limits) {
    String name = file.toString();
    checkLooksLikeZip(name, file);
    try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
      long bytes = Files.size(file);
      List<String> names = SafeZip.entryNames(name, zip, limits.maxChildren());
      if (!names.contains(CONFIG)) {
        List<String> some = names.subList(0, Math.min(names.size(), 5));
        throw new KerasFileException(name, "", "has no " + CONFIG
            + ": not a Keras model archive (entries: " + String.join(", ", some)
            + (names.size() > some.size() ? ", ..." : "") + ")");
      }
      checkWeightsForm(name, names);
      String config = jsonObject(name, CONFIG,
          SafeZip.read(name, zip, bytes, CONFIG, limits.maxJsonBytes()));
      String metadata = names.contains(METADATA)
          ? jsonObject(name, METADATA,
              SafeZip.read(name, zip, bytes, METADATA, limits.maxJsonBytes()))
          : null;
      byte[] weights = SafeZip.read(name, zip, bytes, WEIGHTS, limits.maxFileBytes());
      return new KerasZip(name, limits, List.copyOf(names), config, metadata, weights);
    } catch (IOException | RuntimeException e) {
      if (e instanceof KerasFileException k) {
        throw k;
      }
      // ZipFile reports a damaged central directory as IOException, a bad name encoding as
      // IllegalArgumentException.
      throw new KerasFileException(name, "", "is not a valid zip archive: " + e.getMessage(), e);
    }
  }

  /**
   * Whether a folder is a Keras archive written unzipped ({@code model.save(dir,
   * zipped=False)}, Keras 3.10+): it holds {@code config.json} and {@code model.weights.h5}.
   *
   * @param dir a folder
   * @return true if it holds both entries as files
   */
  public static boolean isUnzippedArchive(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG)) && Files.isRegularFile(dir.resolve(WEIGHTS));
  }

  /**
   * Reads an unzipped archive: the same three entries as files of one folder, under the same
   * bounds (each file's size is checked before it is read; only these fixed names are read).
   *
   * @param dir the folder
   * @param limits the bounds, as for {@link #read(Path, H5Limits)}
   * @return its contents
   * @throws KerasFileException if it is not a valid unzipped Keras archive
   */
  public static KerasZip readFolder(Path dir, H5Limits limits) {
    String name = dir.toString();
    if (!isUnzippedArchive(dir)) {
      throw new KerasFileException(name, "", "is not an unzipped Keras archive (it needs "
          + CONFIG + " and " + WEIGHTS + ")");
    }
    String config = jsonObject(name, CONFIG, readBounded(name, dir, CONFIG,
        limits.maxJsonBytes()));
    String metadata = Files.isRegularFile(dir.resolve(METADATA))
        ? jsonObject(name, METADATA, readBounded(name, dir, METADATA, limits.maxJsonBytes()))
        : null;
    byte[] weights = readBounded(name, dir, WEIGHTS, limits.maxFileBytes());
    List<String> names = metadata == null ? List.of(CONFIG, WEIGHTS)
        : List.of(METADATA, CONFIG, WEIGHTS);
    return new KerasZip(name, limits, names, config, metadata, weights);
  }

  private static byte[] readBounded(String name, Path dir, String entry, long limit) {
    Path file = dir.resolve(entry);
    try {
      long size = Files.size(file);
      if (size > limit) {
        throw new KerasFileException(name, entry, "holds " + size
            + " bytes, more than the limit of " + limit);
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KerasFileException(name, entry, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static void checkLooksLikeZip(String name, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new KerasFileException(name, "", Files.exists(file) ? "is not a regular file"
          : "does not exist");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(8);
    } catch (IOException e) {
      throw new KerasFileException(name, "", "cannot be read: " + e.getMessage(), e);
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
      return;
    }
    if (head.length >= 4 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D'
        && head[3] == 'F') {
      throw new KerasFileException(name, "", "is an HDF5 file (a legacy .h5 model?), not a "
          + ".keras zip archive");
    }
    throw new KerasFileException(name, "", "is not a zip archive (a .keras file is one)");
  }

  private static void checkWeightsForm(String name, List<String> names) {
    boolean shards = names.contains(SHARD_INDEX)
        || names.stream().anyMatch(n -> SHARD.matcher(n).matches());
    if (shards) {
      throw new KerasFileException(name, "", "holds sharded weights (" + SHARD_INDEX
          + " and shard files, Keras 3.10+); sharded weights are not supported");
    }
    if (!names.contains(WEIGHTS)) {
      throw new KerasFileException(name, "", names.contains(NPZ_WEIGHTS)
          ? "holds its weights as " + NPZ_WEIGHTS + "; only " + WEIGHTS + " is supported"
          : "has no " + WEIGHTS);
    }
  }

  private static String jsonObject(String name, String entryName, byte[] bytes) {
    String where = "entry " + entryName;
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new KerasFileException(name, where, "is not UTF-8 text");
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new KerasFileException(name, where, "is not valid JSON: "
          + KerasJson.describe(e), e);
    }
    if (node == null || !node.isObject()) {
      throw new KerasFileException(name, where, "is not a JSON object");
    }
    return text;
  }

  /**
   * The archive as named in messages.
   *
   * @return the path it was read from
   */
  public String source() {
    return source;
  }

  /**
   * The names of all entries, in archive order.
   *
   * @return the names
   */
  public List<String> entryNames() {
    return Collections.unmodifiableList(entryNames);
  }

  /**
   * The model config as Keras's {@code get_config} wrote it.
   *
   * @return the text of {@code config.json}, a JSON object
   */
  public String configJson() {
    return config;
  }

  /**
   * The metadata ({@code keras_version}, {@code date_saved}), when the archive has it.
   *
   * @return the text of {@code metadata.json}, a JSON object, or empty
   */
  public Optional<String> metadataJson() {
    return Optional.ofNullable(metadata);
  }

  /**
   * The {@code keras_version} of the metadata.
   *
   * @return the version, or empty without metadata or without a string version
   */
  public Optional<String> kerasVersion() {
    if (metadata == null) {
      return Optional.empty();
    }
    try {
      JsonNode version = JSON.readTree(metadata).get("keras_version");
      return version != null && version.isTextual() ? Optional.of(version.asText())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // Validated as JSON when read.
    }
  }

  /**
   * The bytes of {@code model.weights.h5}, not copied: do not change them.
   *
   * @return an HDF5 file
   */
  public byte[] weightsBytes() {
    return weights;
  }

  /**
   * Opens {@code model.weights.h5} with this archive's limits.
   *
   * @return a reader named {@code <archive> (model.weights.h5)} in messages
   * @throws KerasFileException if the weights are not a readable HDF5 file
   */
  public H5Reader openWeights() {
    return H5Reader.fromBytes(source + " (" + WEIGHTS + ")", weights, limits);
  }

  /**
   * The metadata Keras writes, e.g. {@code {"keras_version": "3.8.0", "date_saved":
   * "2026-12-01@20:29:17"}}.
   *
   * @param kerasVersion the Keras version to claim
   * @param saved the local date and time of saving
   * @return the JSON text
   */
  public static String metadata(String kerasVersion, LocalDateTime saved) {
    try {
      // Spaced like Python's json.dumps, which is what Keras uses.
      return "{\"keras_version\": " + JSON.writeValueAsString(kerasVersion)
          + ", \"date_saved\": " + JSON.writeValueAsString(KERAS_DATE.format(saved)) + "}";
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a string as JSON", e);
    }
  }

  /**
   * Writes an archive as Keras does (entries stored uncompressed: metadata, config, weights),
   * atomically: a temporary file beside the target, then a move.
   *
   * @param target the {@code .keras} file to create or replace; its folder must exist
   * @param configJson the model config, a JSON object
   * @param metadataJson the metadata, a JSON object (see {@link #metadata})
   * @param weights an HDF5 file, e.g. from {@link H5Writer#toBytes()}
   * @throws IllegalArgumentException if the JSON is not an object or the weights not HDF5
   * @throws KerasFileException if the file cannot be written
   */
  public static void write(Path target, String configJson, String metadataJson,
      byte[] weights) {
    requireJsonObject(CONFIG, configJson);
    requireJsonObject(METADATA, metadataJson);
    if (weights.length < 8 || (weights[0] & 0xff) != 0x89 || weights[1] != 'H'
        || weights[2] != 'D' || weights[3] != 'F') {
      throw new IllegalArgumentException("the weights are not an HDF5 file");
    }
    AtomicFiles.write(target, file -> {
      try (OutputStream out = Files.newOutputStream(file);
          ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
        stored(zip, METADATA, metadataJson.getBytes(StandardCharsets.UTF_8));
        stored(zip, CONFIG, configJson.getBytes(StandardCharsets.UTF_8));
        stored(zip, WEIGHTS, weights);
      }
    });
  }

  private static void requireJsonObject(String what, String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(what + " must be a JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + KerasJson.describe(e),
          e);
    }
  }

  /** A stored (uncompressed) entry, as Python's zipfile writes Keras archives by default. */
  private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }
}
