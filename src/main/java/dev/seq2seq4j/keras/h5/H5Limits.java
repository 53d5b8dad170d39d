package dev.seq2seq4j.keras.h5;

/**
 * Bounds that a Keras model file must respect before anything is allocated for it. A file's
 * headers are untrusted: a dataset may claim 10^12 elements in a few bytes, a zip entry may
 * inflate a thousandfold. Every claim is checked against these bounds (and against the size
 * of the file) first, so a hostile file fails fast with memory flat.
 *
 * <p>The defaults fit real Keras sequence-to-sequence models with room to spare; tests set
 * smaller ones with the {@code with...} methods, e.g. {@code
 * H5Limits.DEFAULT.withMaxElements(1000)}. Instances are immutable.
 */
public final class H5Limits {

  /**
   * The defaults: files up to 2 GiB (the most one buffer can address), group depth 32, 100 000
   * children per group, 256 Mi elements per dataset, 512 Mi elements read per file (2 GiB of
   * float32), 16 MiB per string attribute and per JSON file of a {@code .keras} archive.
   */
  public static final H5Limits DEFAULT = new H5Limits(Integer.MAX_VALUE, 32, 100_000,
      256L << 20, 512L << 20, 16 << 20, 16 << 20);

  private final long maxFileBytes;
  private final int maxDepth;
  private final int maxChildren;
  private final long maxElements;
  private final long maxTotalElements;
  private final int maxAttributeBytes;
  private final int maxJsonBytes;

  private H5Limits(long maxFileBytes, int maxDepth, int maxChildren, long maxElements,
      long maxTotalElements, int maxAttributeBytes, int maxJsonBytes) {
    this.maxFileBytes = positive("maxFileBytes", maxFileBytes);
    this.maxDepth = (int) positive("maxDepth", maxDepth);
    this.maxChildren = (int) positive("maxChildren", maxChildren);
    this.maxElements = positive("maxElements", maxElements);
    this.maxTotalElements = positive("maxTotalElements", maxTotalElements);
    this.maxAttributeBytes = (int) positive("maxAttributeBytes", maxAttributeBytes);
    this.maxJsonBytes = (int) positive("maxJsonBytes", maxJsonBytes);
    if (maxFileBytes > Integer.MAX_VALUE) {
      // Files are read through one ByteBuffer, which an int indexes.
      throw new IllegalArgumentException("maxFileBytes must be at most " + Integer.MAX_VALUE
          + ", got " + maxFileBytes);
    }
  }

  private static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }

  /**
   * The largest HDF5 file, and the largest weights entry of a {@code .keras} archive.
   *
   * @return bytes
   */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /**
   * The deepest group, counting the root as depth 0.
   *
   * @return levels
   */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * The most children (groups, datasets, links) in one group, attributes on one object, and
   * entries in one archive.
   *
   * @return a count
   */
  public int maxChildren() {
    return maxChildren;
  }

  /**
   * The most elements in one dataset.
   *
   * @return a count
   */
  public long maxElements() {
    return maxElements;
  }

  /**
   * The most elements read from one file, over all datasets.
   *
   * @return a count
   */
  public long maxTotalElements() {
    return maxTotalElements;
  }

  /**
   * The most bytes in one string attribute (all its strings together, chunks included).
   *
   * @return bytes
   */
  public int maxAttributeBytes() {
    return maxAttributeBytes;
  }

  /**
   * The most bytes in {@code config.json} or {@code metadata.json} of a {@code .keras} archive.
   *
   * @return bytes
   */
  public int maxJsonBytes() {
    return maxJsonBytes;
  }

  /**
   * A copy with another file size bound.
   *
   * @param bytes the largest file, at most {@link Integer#MAX_VALUE}
   * @return the new limits
   */
  public H5Limits withMaxFileBytes(long bytes) {
    return new H5Limits(bytes, maxDepth, maxChildren, maxElements, maxTotalElements,
        maxAttributeBytes, maxJsonBytes);
  }

  /**
   * A copy with another depth bound.
   *
   * @param depth the deepest group
   * @return the new limits
   */
  public H5Limits withMaxDepth(int depth) {
    return new H5Limits(maxFileBytes, depth, maxChildren, maxElements, maxTotalElements,
        maxAttributeBytes, maxJsonBytes);
  }

  /**
   * A copy with another bound on children per group.
   *
   * @param children the most children
   * @return the new limits
   */
  public H5Limits withMaxChildren(int children) {
    return new H5Limits(maxFileBytes, maxDepth, children, maxElements, maxTotalElements,
        maxAttributeBytes, maxJsonBytes);
  }

  /**
   * A copy with another bound on elements per dataset.
   *
   * @param elements the most elements
   * @return the new limits
   */
  public H5Limits withMaxElements(long elements) {
    return new H5Limits(maxFileBytes, maxDepth, maxChildren, elements, maxTotalElements,
        maxAttributeBytes, maxJsonBytes);
  }

  /**
   * A copy with another bound on elements read per file.
   *
   * @param elements the most elements
   * @return the new limits
   */
  public H5Limits withMaxTotalElements(long elements) {
    return new H5Limits(maxFileBytes, maxDepth, maxChildren, maxElements, elements,
        maxAttributeBytes, maxJsonBytes);
  }

  /**
   * A copy with another bound on string attribute bytes.
   *
   * @param bytes the most bytes
   * @return the new limits
   */
  public H5Limits withMaxAttributeBytes(int bytes) {
    return new H5Limits(maxFileBytes, maxDepth, maxChildren, maxElements, maxTotalElements,
        bytes, maxJsonBytes);
  }

  /**
   * A copy with another bound on JSON entry bytes.
   *
   * @param bytes the most bytes
   * @return the new limits
   */
  public H5Limits withMaxJsonBytes(int bytes) {
    return new H5Limits(maxFileBytes, maxDepth, maxChildren, maxElements, maxTotalElements,
        maxAttributeBytes, bytes);
  }

  /**
   * All bounds, for messages and logs.
   *
   * @return a description
   */
  @Override
  public String toString() {
    return "H5Limits[file " + maxFileBytes + " B, depth " + maxDepth + ", children "
        + maxChildren + ", elements " + maxElements + " per dataset / " + maxTotalElements
        + " per file, attribute " + maxAttributeBytes + " B, json " + maxJsonBytes + " B]";
  }
}
