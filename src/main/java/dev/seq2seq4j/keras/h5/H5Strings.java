package dev.seq2seq4j.keras.h5;

import io.jhdf.GlobalHeap;
import io.jhdf.api.Attribute;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes string attributes from their raw bytes, with every size bounded first.
 *
 * <p>Done here rather than by jHDF for two reasons. Keras encodes names as UTF-8 into byte
 * strings that h5py labels ASCII, and decodes them as UTF-8 again: jHDF would decode them by
 * the label and mangle every non-ASCII name. And a variable-length string is a reference into
 * a global heap: many references to one large heap object would make jHDF build as many large
 * strings, so the heap objects' real sizes are summed against the limit before any string is
 * built.
 */
final class H5Strings {

  /**
   * The strings of an attribute.
   *
   * @param values the strings in order
   * @param scalar whether the attribute is one string rather than an array
   * @param bytes their total size in bytes, as stored
   */
  record Decoded(List<String> values, boolean scalar, long bytes) {}

  private H5Strings() {}

  /**
   * Decodes a string attribute.
   *
   * @param reader the file, for limits and errors
   * @param attribute the attribute
   * @param location its place, for messages
   * @return its strings, or null if it is not a string type
   */
  static Decoded decode(H5Reader reader, Attribute attribute, String location) {
    DataType type = reader.guard(location, attribute::getDataType);
    boolean vlen = type instanceof VariableLength v && v.isVariableLengthString();
    if (!(type instanceof StringData) && !vlen) {
      return null;
    }
    long[] dims = reader.guard(location, attribute::getDimensionsAsLong);
    if (dims.length > 1) {
      throw reader.error(location, "is a " + dims.length + "-d array of strings, not a list");
    }
    boolean scalar = dims.length == 0;
    long count = scalar ? 1 : dims[0];
    if (reader.guard(location, attribute::isEmpty)) {
      if (count == 0 && !scalar) {
        return new Decoded(List.of(), false, 0);
      }
      throw reader.error(location, "has no value");
    }
    int size = type.getSize();
    long limit = reader.limits().maxAttributeBytes();
    if (size <= 0 || count > limit / size) {
      throw reader.error(location, "claims " + count + " strings of " + size
          + " bytes, more than the limit of " + limit + " bytes");
    }
    ByteBuffer raw = reader.guard(location, attribute::getBuffer).order(ByteOrder.LITTLE_ENDIAN);
    if (raw.remaining() < count * size) {
      throw reader.error(location, "holds " + raw.remaining() + " bytes but its " + count
          + " strings need " + count * size);
    }
    return vlen
        ? variableLength(reader, raw, (int) count, size, scalar, location)
        : fixedLength(reader, (StringData) type, raw, (int) count, size, scalar, location);
  }

  private static Decoded fixedLength(H5Reader reader, StringData type, ByteBuffer raw,
      int count, int size, boolean scalar, String location) {
    StringData.PaddingType padding = type.getPaddingType();
    List<String> values = new ArrayList<>(count);
    int start = raw.position();
    for (int i = 0; i < count; i++) {
      int from = start + i * size;
      int end = from + size;
      if (padding == StringData.PaddingType.NULL_TERMINATED) {
        int nul = from;
        while (nul < end && raw.get(nul) != 0) {
          nul++;
        }
        end = nul;
      } else {
        byte pad = padding == StringData.PaddingType.SPACE_PADDED ? (byte) ' ' : 0;
        while (end > from && raw.get(end - 1) == pad) {
          end--;
        }
      }
      values.add(utf8(reader, raw.slice(from, end - from), location));
    }
    return new Decoded(values, scalar, (long) count * size);
  }

  private static Decoded variableLength(H5Reader reader, ByteBuffer raw, int count, int size,
      boolean scalar, String location) {
    HdfBackingStorage storage = reader.storage();
    int offsets = storage.getSizeOfOffsets();
    // Each element: the sequence length, then the heap collection's address and the object's
    // index in it. The length is not trusted; the heap object's own size is used.
    int skip = size - offsets - 4;
    if (skip < 0) {
      throw reader.error(location, "has variable-length elements of " + size
          + " bytes, too small for a heap reference");
    }
    long limit = reader.limits().maxAttributeBytes();
    // Real collections occupy distinct parts of the file; overlapping fake ones would make
    // parsing them cost more than the file's size.
    long heapBudget = reader.size() + 65_536;
    Map<Long, GlobalHeap> heaps = new HashMap<>();
    List<String> values = new ArrayList<>(count);
    long bytes = 0;
    int start = raw.position();
    for (int i = 0; i < count; i++) {
      int at = start + i * size + skip;
      long address = unsigned(raw, at, offsets);
      int index = raw.getInt(at + offsets);
      if (index == 0) {
        values.add("");
        continue;
      }
      GlobalHeap heap = heaps.get(address);
      if (heap == null) {
        heapBudget -= collectionSize(reader, storage, address, location);
        if (heapBudget < 0) {
          throw reader.error(location, "refers to global heaps larger than the file");
        }
        heap = reader.guard(location, () -> new GlobalHeap(storage, address));
        heaps.put(address, heap);
      }
      GlobalHeap found = heap;
      ByteBuffer data = reader.guard(location, () -> found.getObjectData(index));
      bytes += data.remaining();
      if (bytes > limit) {
        throw reader.error(location, "holds more than the limit of " + limit + " bytes");
      }
      values.add(utf8(reader, data, location));
    }
    return new Decoded(values, scalar, bytes);
  }

  /** Reads a global heap collection's size from its header without parsing it. */
  private static long collectionSize(H5Reader reader, HdfBackingStorage storage, long address,
      String location) {
    int lengths = storage.getSizeOfLengths();
    ByteBuffer header = reader.guard(location,
        () -> storage.readBufferFromAddress(address, 8 + lengths));
    long size = unsigned(header.order(ByteOrder.LITTLE_ENDIAN), 8, lengths);
    if (size < 0 || size > reader.size()) {
      throw reader.error(location, "refers to a global heap of " + size
          + " bytes in a file of " + reader.size());
    }
    return size;
  }

  /** An unsigned little-endian integer of 1 to 8 bytes at an absolute position. */
  static long unsigned(ByteBuffer buffer, int at, int width) {
    long value = 0;
    for (int i = width - 1; i >= 0; i--) {
      value = (value << 8) | (buffer.get(at + i) & 0xff);
    }
    return value;
  }

  private static String utf8(H5Reader reader, ByteBuffer bytes, String location) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw reader.error(location, "is not valid UTF-8");
    }
  }
}
