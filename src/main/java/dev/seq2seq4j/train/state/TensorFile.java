package dev.seq2seq4j.train.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.data.FloatBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The project's on-disk tensor pair: a JSON index ({@code NAME.json}: a format name and version,
 * the caller's fields, and per tensor its name, shape, offset and CRC32C) beside a data file
 * ({@code NAME.bin}) of little-endian float32 values.
 *
 * <p>The data file starts with a 16-byte header: the magic {@code S2S4JDAT}, the CRC32C of the
 * index file's bytes and four zero bytes. So each file carries the other's checksum: a truncated,
 * corrupted or mismatched file is found before any value is used. Every size is checked against
 * the file before anything is allocated.
 */
final class TensorFile {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] MAGIC = "S2S4JDAT".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_BYTES = 16;
  /** Index files are small; anything larger is not one of ours. */
  private static final long MAX_INDEX_BYTES = 64L << 20;
  private static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8L;

  private TensorFile() {}

  /**
   * Writes {@code index} (with the tensor list added under {@code listField}) and the tensors'
   * values into {@code dir}, forcing both files to the disk.
   */
  static void write(Path dir, String baseName, ObjectNode index, String listField,
      Map<String, FloatBlock> tensors) throws IOException {
    long total = 0;
    for (FloatBlock b : tensors.values()) {
      total += b.size();
    }
    if (HEADER_BYTES + total * 4 > MAX_DATA_BYTES) {
      throw new IllegalArgumentException("too many values to save in one file: " + total);
    }
    ByteBuffer data = ByteBuffer.allocate((int) (HEADER_BYTES + total * 4))
        .order(ByteOrder.LITTLE_ENDIAN);
    data.position(HEADER_BYTES);
    ArrayNode list = index.putArray(listField);
    long offset = 0;
    for (Map.Entry<String, FloatBlock> e : tensors.entrySet()) {
      FloatBlock b = e.getValue();
      int start = data.position();
      data.asFloatBuffer().put(b.data());
      data.position(start + b.size() * 4);
      ObjectNode w = list.addObject();
      w.put("name", e.getKey());
      ArrayNode shape = w.putArray("shape");
      for (long d : b.shape()) {
        shape.add(d);
      }
      w.put("offset", offset);
      w.put("crc32c", hex(crc(data.array(), start, b.size() * 4)));
      offset += b.size();
    }
    byte[] indexBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index);
    data.position(0);
    data.put(MAGIC);
    data.putInt((int) crc(indexBytes, 0, indexBytes.length));
    data.putInt(0);
    AtomicDirectory.writeFile(dir.resolve(baseName + ".bin"), data.array());
    AtomicDirectory.writeFile(dir.resolve(baseName + ".json"), indexBytes);
  }

  /**
   * Opens a pair: checks that both files exist and are of plausible size, that the index names
   * {@code format} at {@code version}, the data file's header and the index's checksum, and
   * parses the index.
   *
   * @param what names the folder in messages, e.g. {@code saved weights ckpt}
   * @throws IllegalArgumentException naming the problem
   */
  static Opened open(Path dir, String baseName, String what, String format, int version)
      throws IOException {
    Path index = dir.resolve(baseName + ".json");
    Path data = dir.resolve(baseName + ".bin");
    if (!Files.isRegularFile(index) || !Files.isRegularFile(data)) {
      throw new IllegalArgumentException(what + " is not a " + format + " folder: expected "
          + index.getFileName() + " and " + data.getFileName());
    }
    if (Files.size(index) > MAX_INDEX_BYTES || Files.size(data) > MAX_DATA_BYTES) {
      throw new IllegalArgumentException(what + " is corrupt: its files are larger than any"
          + " seq2seq4j file (" + Files.size(index) + " and " + Files.size(data) + " bytes)");
    }
    byte[] indexBytes = Files.readAllBytes(index);
    JsonNode root = parse(indexBytes);
    // A readable index of another version gets a message about the version, not the checksum
    // (version 1 files have no header to check).
    if (root != null && format.equals(root.path("format").asText())) {
      JsonNode v = root.path("version");
      if (!v.canConvertToInt() || v.asInt() != version) {
        throw new IllegalArgumentException(what + " has format version " + v.asText()
            + ", which this seq2seq4j cannot read (it reads version " + version + ")");
      }
    }
    byte[] dataBytes = Files.readAllBytes(data);
    if (dataBytes.length < HEADER_BYTES
        || !Arrays.equals(Arrays.copyOf(dataBytes, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException(what + " is corrupt: " + data.getFileName()
          + " does not start with a seq2seq4j header");
    }
    long expected = Integer.toUnsignedLong(
        ByteBuffer.wrap(dataBytes, MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    if (crc(indexBytes, 0, indexBytes.length) != expected) {
      throw new IllegalArgumentException(what + " is corrupt: " + index.getFileName()
          + " does not match the checksum in " + data.getFileName());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(what + " is corrupt: " + index.getFileName()
          + " is not a JSON object");
    }
    if (!format.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(what + " is not a " + format + " folder (format '"
          + root.path("format").asText() + "')");
    }
    return new Opened(what, data.getFileName().toString(), root, dataBytes);
  }

  private static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }

  /** A pair whose index has been verified and parsed. */
  record Opened(String what, String dataName, JsonNode index, byte[] data) {
    /**
     * Reads the tensors listed under {@code listField}: names unique, shapes valid, stored one
     * after another with nothing missing or left over, every checksum right.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    Map<String, FloatBlock> tensors(String listField) {
      JsonNode list = index.path(listField);
      if (!list.isArray()) {
        throw corrupt("the index has no '" + listField + "' list");
      }
      Map<String, FloatBlock> out = new LinkedHashMap<>();
      ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
      long next = 0;
      long available = (data.length - HEADER_BYTES) / 4L;
      for (JsonNode w : list) {
        String name = w.path("name").asText("");
        if (name.isEmpty() || out.containsKey(name)) {
          throw corrupt("a tensor has " + (name.isEmpty() ? "no name" : "a repeated name '"
              + name + "'"));
        }
        JsonNode shapeNode = w.path("shape");
        if (!shapeNode.isArray()) {
          throw corrupt("tensor '" + name + "' has no shape");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
          if (!shapeNode.get(i).canConvertToLong()) {
            throw corrupt("tensor '" + name + "' has a non-integer dimension");
          }
          shape[i] = shapeNode.get(i).asLong();
        }
        long size;
        try {
          size = FloatBlock.checkedSize(shape);
        } catch (IllegalArgumentException e) {
          throw corrupt("tensor '" + name + "': " + e.getMessage());
        }
        if (!w.path("offset").canConvertToLong() || w.path("offset").asLong() != next
            || next + size > available) {
          throw corrupt("tensor '" + name + "' does not fit in " + dataName + " ("
              + data.length + " bytes)");
        }
        int start = HEADER_BYTES + (int) (next * 4);
        if (!hex(crc(data, start, (int) (size * 4))).equals(w.path("crc32c").asText())) {
          throw corrupt("tensor '" + name + "' does not match its checksum");
        }
        float[] values = new float[(int) size];
        buf.position(start);
        buf.asFloatBuffer().get(values);
        // Training stops at the first non-finite loss and keeps the last good state, so a NaN
        // or infinity here was put there by something else; it would make every answer wrong.
        for (float v : values) {
          if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(what + ": tensor '" + name + "' holds " + v
                + ", which no saved model or training state can hold");
          }
        }
        out.put(name, FloatBlock.wrap(values, shape));
        next += size;
      }
      if (next != available || (data.length - HEADER_BYTES) % 4 != 0) {
        throw corrupt(dataName + " holds " + (data.length - HEADER_BYTES)
            + " bytes of values, but the index lists " + next * 4);
      }
      return out;
    }

    IllegalArgumentException corrupt(String detail) {
      return new IllegalArgumentException(what + " is corrupt: " + detail);
    }
  }

  private static long crc(byte[] bytes, int from, int length) {
    CRC32C c = new CRC32C();
    c.update(bytes, from, length);
    return c.getValue();
  }

  private static String hex(long crc) {
    return String.format(Locale.ROOT, "%08x", crc);
  }
}
