package dev.seq2seq4j.keras.h5;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasFileException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an HDF5 file in memory (groups, string attributes, float32 and int64 datasets of any
 * rank) and writes it through jHDF's writer, in the forms h5py and Keras read: the legacy
 * {@code .h5} layout ({@code model_config}, {@code model_weights} with {@code layer_names}
 * and {@code weight_names}) and the {@code model.weights.h5} of a {@code .keras} archive
 * ({@code layers/lstm/cell/vars/0}, ...).
 *
 * <p>What jHDF 0.13 writes, and how this class fits Keras to it:
 *
 * <ul>
 *   <li>Strings are fixed-length, null-terminated UTF-8 (numpy {@code S} arrays to h5py);
 *       Keras decodes every string attribute it reads from bytes, so it reads them all.
 *   <li>An HDF5 object header message holds at most 64 KiB and jHDF does not check: a longer
 *       attribute would corrupt the file. A string over Keras's own limit of 64512 bytes is
 *       refused, and a longer list is split into {@code name0}, {@code name1}, ... the way
 *       Keras's {@code save_attributes_to_hdf5_group} splits it.
 *   <li>jHDF cannot write empty arrays. An empty string list is therefore not written: Keras
 *       reads a missing {@code weight_names} as an empty list, as it reads h5py's empty
 *       float64 array. A dataset with a zero dimension is refused.
 * </ul>
 *
 * <p>Names are single path components or relative paths whose missing groups are created,
 * like h5py's {@code create_dataset("a/b/c")}.
 */
public final class H5Writer {

  /** Keras's limit for one attribute (HDF5 header messages hold 64 KiB, less overhead). */
  static final int ATTRIBUTE_LIMIT = 64_512;

  private final Group root = new Group("/");

  /** Creates a writer with an empty root group. */
  public H5Writer() {}

  /**
   * The root group, to which everything is added.
   *
   * @return the root
   */
  public Group root() {
    return root;
  }

  /**
   * Writes the file atomically (a temporary file beside it, then a move).
   *
   * @param file the file to create or replace; its folder must exist
   * @throws KerasFileException if it cannot be written
   */
  public void writeTo(Path file) {
    AtomicFiles.write(file, this::writeFresh);
  }

  /**
   * The file's bytes, e.g. for the {@code model.weights.h5} entry of a {@code .keras}
   * archive. jHDF writes only to files, so this goes through a temporary file.
   *
   * @return the HDF5 file
   * @throws KerasFileException if the temporary file cannot be written or read
   */
  public byte[] toBytes() {
    Path temp = null;
    try {
      temp = Files.createTempFile("seq2seq4j-", ".h5");
      writeFresh(temp);
      return Files.readAllBytes(temp);
    } catch (IOException | RuntimeException e) {
      if (e instanceof KerasFileException k) {
        throw k;
      }
      throw new KerasFileException("(HDF5 in memory)", "", "cannot be written: "
          + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Only a temporary file is left behind.
        }
      }
    }
  }

  /** Writes into an existing empty file (jHDF opens without truncating). */
  private void writeFresh(Path file) throws IOException {
    try (WritableHdfFile out = HdfFile.write(file)) {
      // jHDF stamps every file with its version; Keras files carry no such attribute.
      out.removeAttribute("_jHDF");
      root.writeInto(out);
    }
  }

  /** A group being built: its attributes and children, in the order they were added. */
  public static final class Group {

    private final String path;
    private final Map<String, Object> children = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Group(String path) {
      this.path = path;
    }

    /**
     * This group's path.
     *
     * @return e.g. {@code /model_weights/lstm}
     */
    public String path() {
      return path;
    }

    /**
     * The group at a relative path, created with any missing groups above it, or the
     * existing one.
     *
     * @param relPath e.g. {@code layers/lstm/cell/vars}
     * @return the group
     * @throws IllegalArgumentException if a dataset is in the way or the path is invalid
     */
    public Group group(String relPath) {
      Group current = this;
      for (String part : split(relPath)) {
        current = current.child(part);
      }
      return current;
    }

    /**
     * Adds a float32 dataset of the block's shape (a scalar for rank 0).
     *
     * @param relPath e.g. {@code vars/0} or {@code sequential/lstm/lstm_cell/kernel}
     * @param values the values; not copied, so do not change them before writing
     * @return this group
     * @throws IllegalArgumentException if the name is taken or invalid, or a dimension is 0
     *     (jHDF cannot write empty datasets)
     */
    public Group dataset(String relPath, FloatBlock values) {
      checkWritableShape(relPath, values.shape());
      return addDataset(relPath, values);
    }

    /**
     * Adds an int64 dataset, such as a Keras optimizer's {@code iteration} counter.
     *
     * @param relPath e.g. {@code optimizer/vars/0}
     * @param values the values in row-major order; not copied
     * @param shape the dimensions; none for a scalar
     * @return this group
     * @throws IllegalArgumentException if the name is taken or invalid, the shape does not
     *     match the values, or a dimension is 0
     */
    public Group longDataset(String relPath, long[] values, long... shape) {
      if (FloatBlock.checkedSize(shape) != values.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
            + FloatBlock.checkedSize(shape) + " values but there are " + values.length);
      }
      checkWritableShape(relPath, shape);
      return addDataset(relPath, new LongData(values, shape.clone()));
    }

    /**
     * Sets a string attribute.
     *
     * @param name e.g. {@code model_config}
     * @param value the text, at most 64511 bytes in UTF-8 (Keras's attribute limit)
     * @return this group
     * @throws IllegalArgumentException if the name is taken or the value too long or holds
     *     a NUL character
     */
    public Group attribute(String name, String value) {
      checkName(name);
      checkString(name, value);
      putAttribute(name, value);
      return this;
    }

    /**
     * Sets a list-of-strings attribute, such as {@code layer_names} or {@code weight_names}.
     * A list over Keras's 64512-byte limit is split into {@code name0}, {@code name1}, ...
     * as Keras splits it; an empty list writes nothing, which Keras reads as empty.
     *
     * @param name e.g. {@code weight_names}
     * @param values the strings, each at most 64511 bytes in UTF-8
     * @return this group
     * @throws IllegalArgumentException if a name is taken or a string is too long or holds a
     *     NUL character
     */
    public Group attribute(String name, List<String> values) {
      checkName(name);
      int itemSize = 1;
      for (String value : values) {
        itemSize = Math.max(itemSize, checkString(name, value) + 1);
      }
      List<String[]> chunks = KerasChunks.split(values, itemSize, ATTRIBUTE_LIMIT);
      if (chunks.size() == 1) {
        putAttribute(name, chunks.get(0));
      } else {
        for (int i = 0; i < chunks.size(); i++) {
          putAttribute(name + i, chunks.get(i));
        }
      }
      return this;
    }

    private void putAttribute(String name, Object value) {
      if (attributes.containsKey(name)) {
        throw new IllegalArgumentException(path + " already has an attribute '" + name + "'");
      }
      if (!(value instanceof String[] a) || a.length > 0) {
        attributes.put(name, value);
      }
    }

    private Group addDataset(String relPath, Object data) {
      List<String> parts = split(relPath);
      Group parent = this;
      for (String part : parts.subList(0, parts.size() - 1)) {
        parent = parent.child(part);
      }
      String name = parts.get(parts.size() - 1);
      if (parent.children.containsKey(name)) {
        throw new IllegalArgumentException(parent.childPath(name) + " already exists");
      }
      parent.children.put(name, data);
      return this;
    }

    private Group child(String name) {
      Object existing = children.get(name);
      if (existing instanceof Group g) {
        return g;
      }
      if (existing != null) {
        throw new IllegalArgumentException(childPath(name) + " is a dataset, not a group");
      }
      Group created = new Group(childPath(name));
      children.put(name, created);
      return created;
    }

    private String childPath(String name) {
      return path.equals("/") ? "/" + name : path + "/" + name;
    }

    private void checkWritableShape(String relPath, long[] shape) {
      for (long d : shape) {
        if (d == 0) {
          throw new IllegalArgumentException(childPath(relPath) + " has shape "
              + Arrays.toString(shape) + ": jHDF 0.13 cannot write empty datasets");
        }
        if (d > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(childPath(relPath) + " has shape "
              + Arrays.toString(shape) + ": a dimension passes Java's array limit");
        }
      }
    }

    void writeInto(WritableGroup target) {
      for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
        target.putAttribute(attribute.getKey(), attribute.getValue());
      }
      for (Map.Entry<String, Object> child : children.entrySet()) {
        Object value = child.getValue();
        if (value instanceof Group g) {
          g.writeInto(JhdfGroupNode.add(target, child.getKey()));
        } else if (value instanceof FloatBlock block) {
          target.putDataset(child.getKey(), nested(block.data(), block.shape(), float.class));
        } else {
          LongData longs = (LongData) value;
          target.putDataset(child.getKey(), nested(longs.values(), longs.shape(), long.class));
        }
      }
    }

    private static void checkName(String name) {
      if (name == null || name.isBlank() || name.contains("/") || name.equals(".")
          || name.equals("..")) {
        throw new IllegalArgumentException("invalid HDF5 name '" + name + "'");
      }
    }

    /** Checks a string fits an attribute and returns its UTF-8 length. */
    private static int checkString(String name, String value) {
      if (value.indexOf('\0') >= 0) {
        // jHDF writes null-terminated strings: a NUL would end the string early.
        throw new IllegalArgumentException("attribute '" + name + "' holds a NUL character");
      }
      int bytes = value.getBytes(StandardCharsets.UTF_8).length;
      if (bytes + 1 > ATTRIBUTE_LIMIT) {
        throw new IllegalArgumentException("attribute '" + name + "' holds a string of "
            + bytes + " bytes; HDF5 attributes as Keras writes them hold at most "
            + (ATTRIBUTE_LIMIT - 1));
      }
      return bytes;
    }

    private static List<String> split(String relPath) {
      if (relPath == null || relPath.isEmpty()) {
        throw new IllegalArgumentException("path must not be empty");
      }
      List<String> parts = new ArrayList<>(List.of(relPath.split("/", -1)));
      for (String part : parts) {
        checkName(part);
      }
      return parts;
    }
  }

  /** An int64 dataset's values and shape. */
  private record LongData(long[] values, long[] shape) {}

  /**
   * The nested Java array (or boxed scalar) jHDF expects for a row-major block: rank 0 is a
   * boxed value, rank 1 the array itself, higher ranks arrays of rows.
   */
  static Object nested(Object flat, long[] shape, Class<?> element) {
    if (shape.length == 0) {
      return Array.get(flat, 0);
    }
    if (shape.length == 1) {
      return flat;
    }
    int[] dims = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      dims[i] = (int) shape[i];
    }
    Object out = Array.newInstance(element, dims);
    int rowLength = dims[dims.length - 1];
    fill(out, flat, new int[] {0}, dims, 0, rowLength);
    return out;
  }

  private static void fill(Object out, Object flat, int[] offset, int[] dims, int level,
      int rowLength) {
    if (level == dims.length - 2) {
      for (int i = 0; i < dims[level]; i++) {
        System.arraycopy(flat, offset[0], Array.get(out, i), 0, rowLength);
        offset[0] += rowLength;
      }
      return;
    }
    for (int i = 0; i < dims[level]; i++) {
      fill(Array.get(out, i), flat, offset, dims, level + 1, rowLength);
    }
  }
}
