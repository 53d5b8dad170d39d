package dev.seq2seq4j.interop.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.seq2seq4j.data.FloatBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The index of a TensorFlow checkpoint ({@code PREFIX.index}), read in plain Java so a broken
 * checkpoint is reported before native code ({@code RestoreV2}, {@code SavedModelBundle.load})
 * touches it.
 *
 * <p>The index is a LevelDB-style table: a 48-byte footer (block handles, magic number), an
 * index block pointing at data blocks, and in those blocks one {@code BundleHeaderProto} (under
 * the empty key) and one {@code BundleEntryProto} per tensor (dtype, shape, shard, offset, size,
 * masked CRC32C). Every block's checksum is verified on reading. {@link #verifyData()} then
 * checks that the data shards exist, are long enough for every entry, and hold bytes whose
 * checksums match.
 */
public final class CheckpointIndex {
  private static final long TABLE_MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER_LENGTH = 48;
  private static final int BLOCK_TRAILER = 5;
  private static final int MASK_DELTA = 0xa282ead8;

  /**
   * One tensor of the checkpoint.
   *
   * @param key the checkpoint key, e.g. {@code variables/0/.ATTRIBUTES/VARIABLE_VALUE}
   * @param dtype its dtype
   * @param shape its shape
   * @param shard which data file holds it
   * @param offset where its bytes start in that file
   * @param size how many bytes it takes
   * @param maskedCrc32c the masked CRC32C of those bytes, as TensorFlow stores it
   * @param sliced whether it is stored as slices (partitioned variables; not read here)
   */
  public record Entry(String key, DataType dtype, long[] shape, int shard, long offset, long size,
      int maskedCrc32c, boolean sliced) {}

  private final Path prefix;
  private final int numShards;
  private final Map<String, Entry> entries;

  private CheckpointIndex(Path prefix, int numShards, Map<String, Entry> entries) {
    this.prefix = prefix;
    this.numShards = numShards;
    this.entries = Collections.unmodifiableMap(entries);
  }

  /**
   * Reads and checks {@code prefix.index}.
   *
   * @param prefix the checkpoint prefix, e.g. {@code dir/variables/variables}
   * @return the index
   * @throws ModelLoadException naming the file and the problem (missing, truncated, corrupt)
   */
  public static CheckpointIndex read(Path prefix) {
    Path file = indexFile(prefix);
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("checkpoint index not found: " + file);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read checkpoint index " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(prefix, bytes);
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      throw new ModelLoadException("checkpoint index " + file + " is corrupt: " + e.getMessage(), e);
    }
  }

  private static CheckpointIndex parse(Path prefix, byte[] bytes) {
    Path file = indexFile(prefix);
    if (bytes.length < FOOTER_LENGTH) {
      throw new ModelLoadException("checkpoint index " + file + " is truncated: " + bytes.length
          + " bytes, shorter than a table footer");
    }
    ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - FOOTER_LENGTH, FOOTER_LENGTH)
        .slice().order(ByteOrder.LITTLE_ENDIAN);
    if (footer.getLong(FOOTER_LENGTH - 8) != TABLE_MAGIC) {
      throw new ModelLoadException("checkpoint index " + file
          + " is truncated or not a checkpoint index (no table magic number at its end)");
    }
    int[] pos = {0};
    byte[] footerBytes = Arrays.copyOfRange(bytes, bytes.length - FOOTER_LENGTH, bytes.length);
    varint(footerBytes, pos); // metaindex block: TensorFlow writes it empty
    varint(footerBytes, pos);
    long indexOffset = varint(footerBytes, pos);
    long indexSize = varint(footerBytes, pos);
    Map<String, byte[]> index = block(file, bytes, indexOffset, indexSize);

    int shards = -1;
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (byte[] handle : index.values()) {
      int[] p = {0};
      long offset = varint(handle, p);
      long size = varint(handle, p);
      for (Map.Entry<String, byte[]> kv : block(file, bytes, offset, size).entrySet()) {
        try {
          if (kv.getKey().isEmpty()) {
            BundleHeaderProto header = BundleHeaderProto.parseFrom(kv.getValue());
            if (header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
              throw new ModelLoadException("checkpoint " + prefix
                  + " was written big-endian, which this reader does not support");
            }
            shards = header.getNumShards();
          } else {
            BundleEntryProto e = BundleEntryProto.parseFrom(kv.getValue());
            entries.put(kv.getKey(), new Entry(kv.getKey(), e.getDtype(), dims(e.getShape()),
                e.getShardId(), e.getOffset(), e.getSize(), e.getCrc32C(), e.getSlicesCount() > 0));
          }
        } catch (InvalidProtocolBufferException e) {
          throw new ModelLoadException("checkpoint index " + file + " has a corrupt entry '"
              + kv.getKey() + "'", e);
        }
      }
    }
    if (shards < 1) {
      throw new ModelLoadException("checkpoint index " + file + " has no bundle header");
    }
    return new CheckpointIndex(prefix, shards, entries);
  }

  /**
   * The checkpoint prefix.
   *
   * @return the prefix this index was read for
   */
  public Path prefix() {
    return prefix;
  }

  /**
   * How many data files ({@code PREFIX.data-0000N-of-0000M}) the checkpoint has.
   *
   * @return the number of shards, at least 1
   */
  public int numShards() {
    return numShards;
  }

  /**
   * Every tensor of the checkpoint.
   *
   * @return the entries by checkpoint key, in key order
   */
  public Map<String, Entry> entries() {
    return entries;
  }

  /**
   * The data file of one shard.
   *
   * @param shard the shard number, from 0
   * @return {@code PREFIX.data-0000S-of-0000N}
   */
  public Path dataFile(int shard) {
    return Path.of(prefix + String.format(Locale.ROOT, ".data-%05d-of-%05d", shard, numShards));
  }

  /**
   * The size of all tensors together.
   *
   * @return the sum of the entries' sizes in bytes
   */
  public long totalBytes() {
    return entries.values().stream().mapToLong(Entry::size).sum();
  }

  /**
   * Checks the data files against the index: every shard exists, every entry lies inside its
   * shard, fixed-width tensors take dtype size times element count bytes, and every tensor's
   * bytes match its CRC32C.
   *
   * @return this index
   * @throws ModelLoadException naming the file and the first inconsistency
   */
  public CheckpointIndex verifyData() {
    long[] lengths = new long[numShards];
    for (int s = 0; s < numShards; s++) {
      Path data = dataFile(s);
      if (!Files.isRegularFile(data)) {
        throw new ModelLoadException("checkpoint data file not found: " + data);
      }
      try {
        lengths[s] = Files.size(data);
      } catch (IOException e) {
        throw new ModelLoadException("cannot read " + data + ": " + e.getMessage(), e);
      }
    }
    for (Entry e : entries.values()) {
      if (e.shard() < 0 || e.shard() >= numShards) {
        throw new ModelLoadException("checkpoint index " + indexFile(prefix) + " puts '" + e.key()
            + "' in shard " + e.shard() + " of " + numShards);
      }
      if (e.offset() < 0 || e.size() < 0 || e.offset() + e.size() > lengths[e.shard()]) {
        throw new ModelLoadException("checkpoint data file " + dataFile(e.shard())
            + " is truncated: it has " + lengths[e.shard()] + " bytes, tensor '" + e.key()
            + "' needs bytes up to " + (e.offset() + e.size()));
      }
      int width = width(e.dtype());
      if (width > 0 && !e.sliced() && e.size() != width * elements(e.shape())) {
        throw new ModelLoadException("checkpoint index " + indexFile(prefix) + " gives '" + e.key()
            + "' " + e.size() + " bytes for " + e.dtype() + " " + Arrays.toString(e.shape()));
      }
    }
    for (int s = 0; s < numShards; s++) {
      verifyChecksums(s);
    }
    return this;
  }

  private void verifyChecksums(int shard) {
    Path data = dataFile(shard);
    try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
      for (Entry e : entries.values()) {
        // A string tensor's checksum covers all its bytes too (the varint lengths, their own
        // masked CRC, then the strings): the object graph is verified like any weight.
        if (e.shard() != shard || e.sliced() || e.size() == 0 || e.size() > Integer.MAX_VALUE) {
          continue;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) e.size());
        while (buf.hasRemaining()) {
          if (ch.read(buf, e.offset() + buf.position()) < 0) {
            throw new ModelLoadException("checkpoint data file " + data + " ends inside '"
                + e.key() + "'");
          }
        }
        buf.flip();
        int actual = e.dtype() == DataType.DT_STRING ? stringTensorCrc(data, e, buf)
            : crc32c(buf);
        if (mask(actual) != e.maskedCrc32c()) {
          throw new ModelLoadException("checkpoint data file " + data + " is corrupt: the bytes of '"
              + e.key() + "' do not match their checksum");
        }
      }
    } catch (IOException ex) {
      throw new ModelLoadException("cannot read " + data + ": " + ex.getMessage(), ex);
    }
  }

  /** Reads a block, checks its trailer's checksum, and returns its key/value pairs. */
  private static Map<String, byte[]> block(Path file, byte[] bytes, long offset, long size) {
    if (offset < 0 || size < 4 || offset + size + BLOCK_TRAILER > bytes.length - FOOTER_LENGTH) {
      throw new ModelLoadException("checkpoint index " + file + " is corrupt: a block at "
          + offset + " (+" + size + " bytes) lies outside the file");
    }
    int start = (int) offset;
    int end = start + (int) size;
    if (bytes[end] != 0) {
      throw new ModelLoadException("checkpoint index " + file
          + " uses block compression, which this reader does not support");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, start, (int) size + 1); // the block and its compression-type byte
    int stored = ByteBuffer.wrap(bytes, end + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (mask((int) crc.getValue()) != stored) {
      throw new ModelLoadException("checkpoint index " + file + " is corrupt: a block checksum "
          + "does not match");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, start, (int) size).slice().order(ByteOrder.LITTLE_ENDIAN);
    int restarts = b.getInt((int) size - 4);
    int limit = (int) size - 4 * (restarts + 1);
    if (restarts < 0 || limit < 0) {
      throw new IllegalStateException("bad restart count " + restarts);
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    byte[] block = Arrays.copyOfRange(bytes, start, end);
    int[] p = {0};
    byte[] key = new byte[0];
    while (p[0] < limit) {
      int shared = (int) varint(block, p);
      int unshared = (int) varint(block, p);
      int valueLength = (int) varint(block, p);
      if (shared > key.length || p[0] + unshared + valueLength > limit) {
        throw new IllegalStateException("an entry overruns its block");
      }
      byte[] next = Arrays.copyOf(key, shared + unshared);
      System.arraycopy(block, p[0], next, shared, unshared);
      p[0] += unshared;
      key = next;
      out.put(new String(key, StandardCharsets.UTF_8), Arrays.copyOfRange(block, p[0], p[0] + valueLength));
      p[0] += valueLength;
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte x = b[pos[0]++];
      result |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalStateException("malformed varint");
  }

  private static int crc32c(ByteBuffer bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  /**
   * The checksum TensorFlow's bundle writer gives a string tensor, whose bytes are each
   * element's length as a varint, a masked CRC32C of the lengths, then the strings: the CRC32C
   * runs over each length as a little-endian uint32 (uint64 past 4 GiB), not over the varint
   * bytes, then over the stored length checksum and the string bytes.
   */
  private static int stringTensorCrc(Path data, Entry e, ByteBuffer bytes) {
    long elements = 1;
    for (long d : e.shape()) {
      elements = d < 0 || d > 0 && elements > Long.MAX_VALUE / d ? -1 : elements * d;
      if (elements < 0) {
        break;
      }
    }
    // Every element takes at least one length byte.
    if (elements < 0 || elements > bytes.remaining()) {
      throw new ModelLoadException("checkpoint data file " + data + " is corrupt: string tensor '"
          + e.key() + "' claims " + Arrays.toString(e.shape()) + " elements in " + e.size()
          + " bytes");
    }
    CRC32C crc = new CRC32C();
    ByteBuffer word = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    long stringBytes = 0;
    for (long i = 0; i < elements; i++) {
      long length = 0;
      int shift = 0;
      while (true) {
        if (!bytes.hasRemaining() || shift > 63) {
          throw new ModelLoadException("checkpoint data file " + data + " is corrupt: string "
              + "tensor '" + e.key() + "' has a broken length");
        }
        int b = bytes.get() & 0xff;
        length |= (long) (b & 0x7f) << shift;
        shift += 7;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      word.clear();
      if (length >= 0 && length <= 0xffffffffL) {
        word.putInt((int) length);
      } else {
        word.putLong(length);
      }
      crc.update(word.flip());
      stringBytes += length;
    }
    if (bytes.remaining() < 4 || stringBytes < 0 || stringBytes != bytes.remaining() - 4) {
      throw new ModelLoadException("checkpoint data file " + data + " is corrupt: string tensor '"
          + e.key() + "' lengths do not add up to its " + e.size() + " bytes");
    }
    crc.update(bytes);
    return (int) crc.getValue();
  }

  /** TensorFlow stores CRC32C values masked (rotated and offset) so CRCs of CRCs stay strong. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  private static int width(DataType t) {
    switch (t) {
      case DT_BOOL: case DT_INT8: case DT_UINT8: return 1;
      case DT_INT16: case DT_UINT16: case DT_HALF: case DT_BFLOAT16: return 2;
      case DT_FLOAT: case DT_INT32: case DT_UINT32: return 4;
      case DT_DOUBLE: case DT_INT64: case DT_UINT64: case DT_COMPLEX64: return 8;
      case DT_COMPLEX128: return 16;
      default: return -1;
    }
  }

  /** The element count of an entry's shape; absurd shapes count as -1 (never a match). */
  private static long elements(long[] shape) {
    try {
      return FloatBlock.checkedSize(shape);
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static long[] dims(TensorShapeProto shape) {
    long[] d = new long[shape.getDimCount()];
    for (int i = 0; i < d.length; i++) {
      d[i] = shape.getDim(i).getSize();
    }
    return d;
  }

  private static Path indexFile(Path prefix) {
    return Path.of(prefix + ".index");
  }
}
