package dev.seq2seq4j.keras.h5;

import dev.seq2seq4j.keras.KerasFileException;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.storage.HdfBackingStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads an HDF5 file as Keras writes it (legacy {@code .h5}, {@code .weights.h5}, the {@code
 * model.weights.h5} inside a {@code .keras} archive), read-only, through the pure-Java jHDF
 * library. Navigate from {@link #root()}.
 *
 * <p>The file is checked in Java before jHDF parses it (size bound, HDF5 signature at byte 0,
 * end-of-file address against the real size), and every failure inside jHDF, whatever its
 * type, becomes a {@link KerasFileException} naming the file and the HDF5 path. The whole file
 * is one read-only buffer (heap for small files, memory-mapped for large ones), so a corrupt
 * offset or length can only fail a bounds check, never allocate: allocations happen only for
 * values, and only after {@link H5Group} has checked their claimed sizes against {@link
 * H5Limits} and the file size. The structures jHDF parses eagerly (group B-trees, object
 * header chains) are walked here first, each block once and within a budget, so a file that
 * refers to one block over and over cannot make jHDF hang or exhaust the heap.
 *
 * <p>What Keras never writes is refused by name rather than parsed: chunked (and so
 * compressed) datasets, HDF5's dense link and attribute storage, external links.
 *
 * <p>Not thread-safe: use one reader per thread.
 */
public final class H5Reader implements AutoCloseable {

  private static final byte[] SIGNATURE = {
    (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'
  };
  /** Files up to this size are read onto the heap; larger ones are mapped. */
  private static final long HEAP_READ_LIMIT = 64L << 20;

  private final String source;
  private final H5Limits limits;
  private final long size;
  private final HdfFile file;
  private final Set<Long> checkedLinks = new HashSet<>();
  private final Set<Long> checkedAttributes = new HashSet<>();
  private long elementsRead;
  private long headerMessagesLeft;
  private boolean closed;

  private H5Reader(String source, H5Limits limits, ByteBuffer contents) {
    this.source = source;
    this.limits = limits;
    this.size = contents.capacity();
    this.headerMessagesLeft = (long) H5Structure.MESSAGES_PER_CHILD * limits.maxChildren();
    this.file = guard("", () -> HdfFile.fromByteBuffer(contents));
    long endOfFile = guard("", () -> file.getHdfBackingStorage().getSuperblock()
        .getEndOfFileAddress());
    if (endOfFile > size) {
      throw error("", "truncated: the superblock says the file has " + endOfFile
          + " bytes but it has " + size);
    }
    H5Structure.checkHeader(this, guard("/", file::getAddress), "/");
  }

  /**
   * Opens a file with the default limits.
   *
   * @param file an HDF5 file
   * @return the reader; close it when done
   * @throws KerasFileException if the file is missing, too large or not HDF5
   */
  public static H5Reader open(Path file) {
    return open(file, H5Limits.DEFAULT);
  }

  /**
   * Opens a file.
   *
   * @param file an HDF5 file
   * @param limits the bounds to apply
   * @return the reader; close it when done
   * @throws KerasFileException if the file is missing, too large or not HDF5
   */
  public static H5Reader open(Path file, H5Limits limits) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new KerasFileException(name, "", Files.exists(file) ? "is not a regular file"
          : "does not exist");
    }
    try {
      long size = Files.size(file);
      checkSize(name, size, limits);
      try (InputStream in = Files.newInputStream(file)) {
        checkSignature(name, in.readNBytes(SIGNATURE.length));
      }
      ByteBuffer contents;
      if (size <= HEAP_READ_LIMIT) {
        // On the heap: no mapping outlives close(), which matters where mapped files stay
        // locked (Windows).
        contents = ByteBuffer.wrap(Files.readAllBytes(file));
      } else {
        try (FileChannel channel = FileChannel.open(file)) {
          contents = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
      }
      if (contents.capacity() != size) {
        throw new KerasFileException(name, "", "changed size while being read");
      }
      return new H5Reader(name, limits, contents);
    } catch (IOException e) {
      throw new KerasFileException(name, "", "cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Opens an HDF5 file held in memory (the {@code model.weights.h5} of a {@code .keras}
   * archive) with the default limits. The array is used as is, not copied: do not change it.
   *
   * @param source what to call the file in messages, e.g. {@code model.keras
   *     (model.weights.h5)}
   * @param contents the file's bytes
   * @return the reader
   * @throws KerasFileException if the bytes are too many or not HDF5
   */
  public static H5Reader fromBytes(String source, byte[] contents) {
    return fromBytes(source, contents, H5Limits.DEFAULT);
  }

  /**
   * Opens an HDF5 file held in memory. The array is used as is, not copied: do not change it.
   *
   * @param source what to call the file in messages
   * @param contents the file's bytes
   * @param limits the bounds to apply
   * @return the reader
   * @throws KerasFileException if the bytes are too many or not HDF5
   */
  public static H5Reader fromBytes(String source, byte[] contents, H5Limits limits) {
    checkSize(source, contents.length, limits);
    checkSignature(source, Arrays.copyOf(contents, Math.min(contents.length, SIGNATURE.length)));
    return new H5Reader(source, limits, ByteBuffer.wrap(contents));
  }

  private static void checkSize(String name, long size, H5Limits limits) {
    if (size > limits.maxFileBytes()) {
      throw new KerasFileException(name, "", "is " + size + " bytes, more than the limit of "
          + limits.maxFileBytes());
    }
    if (size < SIGNATURE.length) {
      throw new KerasFileException(name, "", "is " + size
          + " bytes, too short to be an HDF5 file");
    }
  }

  private static void checkSignature(String name, byte[] head) {
    if (!Arrays.equals(head, SIGNATURE)) {
      throw new KerasFileException(name, "", notHdf5(name, head));
    }
  }

  /** Says what the file looks like instead, for the formats a Keras user is likely to mix up. */
  private static String notHdf5(String name, byte[] head) {
    if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') {
      return "is a zip archive (a .keras file?), not an HDF5 file";
    }
    String text = new String(head, StandardCharsets.ISO_8859_1).strip();
    if (text.startsWith("{")) {
      if (name.endsWith(".weights.json")) {
        return "is a sharded-weights index (Keras 3.10+ save_weights with max_shard_size), "
            + "not an HDF5 file; open it with ShardedWeights, or as any model file";
      }
      return "is JSON, not an HDF5 file";
    }
    return "is not an HDF5 file (no HDF5 signature at its start)";
  }

  /**
   * The file's name as used in messages.
   *
   * @return the path or the name given to {@link #fromBytes}
   */
  public String source() {
    return source;
  }

  /**
   * The bounds this reader applies.
   *
   * @return the limits
   */
  public H5Limits limits() {
    return limits;
  }

  /**
   * The root group.
   *
   * @return a view of {@code /}
   * @throws IllegalStateException if the reader is closed
   */
  public H5Group root() {
    checkOpen();
    return H5Group.root(this, file);
  }

  /** Releases the file. Views taken from it must not be used afterwards. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      guard("", () -> {
        file.close();
        return null;
      });
    }
  }

  long size() {
    return size;
  }

  HdfBackingStorage storage() {
    return guard("", file::getHdfBackingStorage);
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException(source + " is closed");
    }
  }

  /** Checks a group's link storage once, before jHDF first lists it (see H5Structure). */
  void checkLinks(Group group, String location) {
    long address = guard(location, group::getAddress);
    if (!checkedLinks.contains(address)) {
      H5Structure.checkLinks(this, group, location);
      checkedLinks.add(address);
    }
  }

  /** Checks a group's attribute storage once, before jHDF first lists it. */
  void checkAttributes(Group group, String location) {
    long address = guard(location, group::getAddress);
    if (!checkedAttributes.contains(address)) {
      H5Structure.checkAttributes(this, group, location);
      checkedAttributes.add(address);
    }
  }

  /** Counts object header messages about to be parsed against the per-file budget. */
  void spendHeaderMessages(String location, long messages) {
    headerMessagesLeft -= messages;
    if (headerMessagesLeft < 0) {
      throw error(location, "has object headers with more messages than the budget of "
          + (long) H5Structure.MESSAGES_PER_CHILD * limits.maxChildren() + " per file ("
          + H5Structure.MESSAGES_PER_CHILD + " per allowed child)");
    }
  }

  /** Counts elements about to be read against the per-file bound, before they are read. */
  void reserveElements(String location, long elements) {
    if (elements > limits.maxTotalElements() - elementsRead) {
      throw error(location, "reading " + elements + " more elements would pass the limit of "
          + limits.maxTotalElements() + " elements per file (" + elementsRead
          + " read so far)");
    }
    elementsRead += elements;
  }

  KerasFileException error(String location, String problem) {
    return new KerasFileException(source, location, problem);
  }

  /**
   * Runs a jHDF call and turns any failure into a {@link KerasFileException}. jHDF reports a
   * corrupt file through many exception types (its own, buffer and index errors, arithmetic
   * overflow), and a structure that refers back to itself can recurse until the stack is
   * exhausted; none of that may reach the caller as anything but a bad file.
   */
  <T> T guard(String location, Supplier<T> call) {
    try {
      return call.get();
    } catch (KerasFileException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new KerasFileException(source, location, "corrupt or unsupported HDF5 structure ("
          + describe(e) + ")", e);
    } catch (InternalError e) {
      // A mapped file that shrinks while it is read faults inside the JVM's memory access.
      throw new KerasFileException(source, location, "could not be read (" + describe(e)
          + "); did the file change while it was read?", e);
    }
  }

  private static String describe(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null && out.length() < 300; t = t.getCause()) {
      String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (out.indexOf(text) < 0) {
        out.append(out.length() == 0 ? "" : ": ").append(text);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return out.length() > 300 ? out.substring(0, 300) + "..." : out.toString();
  }
}
