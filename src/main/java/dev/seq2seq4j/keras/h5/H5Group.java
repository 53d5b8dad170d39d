package dev.seq2seq4j.keras.h5;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasFileException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;
import io.jhdf.links.SoftLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of one HDF5 group of an {@link H5Reader}: its children, datasets and
 * attributes. Names passed to the methods are relative paths ({@code
 * "sequential/lstm/lstm_cell/kernel"}, as Keras's {@code weight_names} give them); paths with
 * {@code .}, {@code ..} or empty components are refused with an {@link
 * IllegalArgumentException}. Every problem with the file itself is a {@link
 * KerasFileException} naming the HDF5 path.
 *
 * <p>Soft links are followed (at most 16 per lookup, never to another file); a group reached
 * twice on one path (a hard or soft link back up) is a cycle and is refused, as is a group
 * deeper than {@link H5Limits#maxDepth()}. Dataset sizes are checked against the limits and
 * the file size before any value is read.
 */
public final class H5Group {

  private static final int MAX_LINK_HOPS = 16;

  private final H5Reader reader;
  private final Group group;
  private final String path;
  /** Object addresses from the root down to this group, for cycle detection. */
  private final List<Long> ancestry;

  private H5Group(H5Reader reader, Group group, String path, List<Long> ancestry) {
    this.reader = reader;
    this.group = group;
    this.path = path;
    this.ancestry = ancestry;
  }

  static H5Group root(H5Reader reader, Group root) {
    long address = reader.guard("/", root::getAddress);
    return new H5Group(reader, root, "/", List.of(address));
  }

  /**
   * This group's path from the root, through the links that led here.
   *
   * @return e.g. {@code /layers/lstm/cell/vars}
   */
  public String path() {
    return path;
  }

  /**
   * The names of this group's children (groups, datasets and links) in the order the file
   * stores them, which is not necessarily h5py's (h5py sorts): by name in the symbol tables
   * h5py writes for Keras, in link order in HDF5's newer groups (jHDF writes hash order).
   *
   * @return the names
   */
  public List<String> childNames() {
    return new ArrayList<>(children().keySet());
  }

  /**
   * A group below this one.
   *
   * @param relPath e.g. {@code layers/lstm}
   * @return the group, or empty if nothing is at that path
   * @throws KerasFileException if the path leads to a dataset, a broken or external link or
   *     a cycle
   */
  public Optional<H5Group> group(String relPath) {
    List<String> parts = split(relPath);
    H5Group current = this;
    for (String part : parts) {
      Optional<Node> node = current.resolve(part);
      if (node.isEmpty()) {
        return Optional.empty();
      }
      if (!(node.get() instanceof Group child)) {
        throw reader.error(current.childPath(part), "is a dataset, not a group");
      }
      current = current.enter(part, child);
    }
    return Optional.of(current);
  }

  /**
   * A group below this one that must exist.
   *
   * @param relPath e.g. {@code model_weights}
   * @return the group
   * @throws KerasFileException if it is missing or not a group
   */
  public H5Group requireGroup(String relPath) {
    return group(relPath).orElseThrow(
        () -> reader.error(childPath(relPath), "no such group"));
  }

  /**
   * Whether a group is at a path (reached through soft links if need be).
   *
   * @param relPath e.g. {@code layers/lstm}
   * @return true for a group, false for a dataset or nothing
   */
  public boolean isGroup(String relPath) {
    return parent(relPath).flatMap(p -> p.resolve(last(relPath)))
        .map(node -> node instanceof Group).orElse(false);
  }

  /**
   * Whether a dataset is at a path.
   *
   * @param relPath e.g. {@code vars/0}
   * @return true for a dataset, false for a group or nothing
   */
  public boolean isDataset(String relPath) {
    return findDataset(relPath).isPresent();
  }

  /**
   * A dataset's shape, read from its header.
   *
   * @param relPath e.g. {@code vars/0}
   * @return the dimensions; empty for a scalar
   * @throws KerasFileException if there is no dataset at the path
   */
  public long[] datasetShape(String relPath) {
    H5Dataset dataset = dataset(relPath);
    return dataset.shape();
  }

  /**
   * A dataset's element type in numpy's words.
   *
   * @param relPath e.g. {@code vars/0}
   * @return e.g. {@code float32}, {@code int64}, {@code string}, {@code compound}
   * @throws KerasFileException if there is no dataset at the path
   */
  public String datasetType(String relPath) {
    return dataset(relPath).typeName();
  }

  /**
   * A floating-point dataset's values: float32 as stored, float64 and float16 converted to
   * float32. Anything else (integers, strings, compound types) is refused by name.
   *
   * @param relPath e.g. {@code vars/0}
   * @return the values with the dataset's shape (rank 0 for a scalar)
   * @throws KerasFileException if there is no such dataset, it is not floating point, or its
   *     size passes a limit or the file's size
   */
  public FloatBlock readFloats(String relPath) {
    return dataset(relPath).readFloats();
  }

  /**
   * An integer dataset's values in row-major order, such as a Keras optimizer's {@code
   * iteration} counter. Floating-point and other types are refused by name.
   *
   * @param relPath e.g. {@code optimizer/vars/0}
   * @return the values; shape them with {@link #datasetShape}
   * @throws KerasFileException if there is no such dataset, it is not an integer type, a
   *     value does not fit a long, or its size passes a limit or the file's size
   */
  public long[] readLongs(String relPath) {
    return dataset(relPath).readLongs();
  }

  /**
   * The names of this group's attributes.
   *
   * @return the names
   */
  public List<String> attributeNames() {
    return new ArrayList<>(attributes().keySet());
  }

  /**
   * A string attribute: fixed- or variable-length, as bytes or text (h5py writes all four),
   * decoded as UTF-8 the way Keras decodes them.
   *
   * @param name the attribute's name, e.g. {@code model_config}
   * @return the string, or empty if there is no such attribute
   * @throws KerasFileException if the attribute is not a single string, is not UTF-8 or
   *     passes {@link H5Limits#maxAttributeBytes()}
   */
  public Optional<String> stringAttribute(String name) {
    Attribute attribute = attributes().get(name);
    if (attribute == null) {
      return Optional.empty();
    }
    String location = attributeLocation(name);
    H5Strings.Decoded decoded = H5Strings.decode(reader, attribute, location);
    if (decoded == null) {
      throw reader.error(location, "is " + H5Types.name(attribute.getDataType())
          + ", not a string");
    }
    if (!decoded.scalar()) {
      throw reader.error(location, "is a list of " + decoded.values().size()
          + " strings, not one string");
    }
    return Optional.of(decoded.values().get(0));
  }

  /**
   * A list-of-strings attribute, such as Keras's {@code layer_names} and {@code
   * weight_names}: an array of fixed- or variable-length strings. Like Keras's {@code
   * load_attributes_from_hdf5_group}, when there is no attribute {@code name} this reads the
   * chunks {@code name0}, {@code name1}, ... that Keras writes when the list would pass HDF5's
   * 64 KB attribute limit, and an empty numeric array (what h5py makes of an empty list)
   * reads as an empty list.
   *
   * @param name the attribute's name, e.g. {@code weight_names}
   * @return the strings, or empty if neither the attribute nor its first chunk exists
   * @throws KerasFileException if an attribute is not a list of strings, is not UTF-8 or the
   *     strings pass {@link H5Limits#maxAttributeBytes()}
   */
  public Optional<List<String>> stringListAttribute(String name) {
    Map<String, Attribute> attributes = attributes();
    if (attributes.containsKey(name)) {
      return Optional.of(stringList(name, attributes.get(name)).values());
    }
    if (!attributes.containsKey(name + "0")) {
      return Optional.empty();
    }
    List<String> all = new ArrayList<>();
    long bytes = 0;
    for (int chunk = 0; attributes.containsKey(name + chunk); chunk++) {
      H5Strings.Decoded part = stringList(name + chunk, attributes.get(name + chunk));
      bytes += part.bytes();
      if (bytes > reader.limits().maxAttributeBytes()) {
        throw reader.error(attributeLocation(name + chunk), "the chunks of '" + name
            + "' hold more than the limit of " + reader.limits().maxAttributeBytes() + " bytes");
      }
      all.addAll(part.values());
    }
    return Optional.of(all);
  }

  private H5Strings.Decoded stringList(String name, Attribute attribute) {
    String location = attributeLocation(name);
    H5Strings.Decoded decoded = H5Strings.decode(reader, attribute, location);
    if (decoded == null) {
      if (H5Types.isNumeric(attribute.getDataType())
          && reader.guard(location, attribute::getSize) == 0) {
        return new H5Strings.Decoded(List.of(), false, 0);
      }
      throw reader.error(location, "is " + H5Types.name(attribute.getDataType())
          + ", not a list of strings");
    }
    if (decoded.scalar()) {
      throw reader.error(location, "is one string, not a list of strings");
    }
    return decoded;
  }

  private Map<String, Attribute> attributes() {
    reader.checkOpen();
    reader.checkAttributes(group, path);
    Map<String, Attribute> attributes = reader.guard(path, group::getAttributes);
    if (attributes.size() > reader.limits().maxChildren()) {
      throw reader.error(path, "has " + attributes.size() + " attributes, more than the limit of "
          + reader.limits().maxChildren());
    }
    return attributes;
  }

  private Map<String, Node> children() {
    reader.checkOpen();
    reader.checkLinks(group, path);
    Map<String, Node> children = reader.guard(path, group::getChildren);
    if (children.size() > reader.limits().maxChildren()) {
      throw reader.error(path, "has " + children.size() + " children, more than the limit of "
          + reader.limits().maxChildren());
    }
    for (String name : children.keySet()) {
      // HDF5 forbids these names; only a damaged file holds them, and they would break paths.
      if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
        throw reader.error(path, "has a child named '" + name + "', which HDF5 does not allow");
      }
    }
    return children;
  }

  private H5Dataset dataset(String relPath) {
    return findDataset(relPath).orElseThrow(() -> reader.error(childPath(relPath),
        isGroup(relPath) ? "is a group, not a dataset" : "no such dataset"));
  }

  private Optional<H5Dataset> findDataset(String relPath) {
    Optional<H5Group> parent = parent(relPath);
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    String name = last(relPath);
    return parent.get().resolve(name)
        .filter(node -> node instanceof Dataset)
        .map(node -> new H5Dataset(reader, (Dataset) node, parent.get().childPath(name)));
  }

  private Optional<H5Group> parent(String relPath) {
    List<String> parts = split(relPath);
    if (parts.size() == 1) {
      return Optional.of(this);
    }
    return group(String.join("/", parts.subList(0, parts.size() - 1)));
  }

  private static String last(String relPath) {
    List<String> parts = split(relPath);
    return parts.get(parts.size() - 1);
  }

  private H5Group enter(String name, Group child) {
    String childPath = childPath(name);
    if (ancestry.size() > reader.limits().maxDepth()) {
      throw reader.error(childPath, "is deeper than the limit of " + reader.limits().maxDepth()
          + " levels");
    }
    long address = reader.guard(childPath, child::getAddress);
    if (ancestry.contains(address)) {
      throw reader.error(childPath, "is a link back to a group above it (a cycle)");
    }
    List<Long> chain = new ArrayList<>(ancestry);
    chain.add(address);
    return new H5Group(reader, child, childPath, List.copyOf(chain));
  }

  /** The node a child name stands for, with soft links followed. */
  private Optional<Node> resolve(String name) {
    Node node = children().get(name);
    return node == null ? Optional.empty()
        : Optional.of(follow(node, group, childPath(name), new int[] {MAX_LINK_HOPS}));
  }

  /**
   * Follows soft links from a node. The budget counts every link followed in this resolution,
   * however nested, so no arrangement of links can make the work grow past it.
   */
  private Node follow(Node node, Group container, String location, int[] budget) {
    if (node instanceof ExternalLink external) {
      throw reader.error(location, "is an external link to '"
          + reader.guard(location, external::getTargetPath)
          + "'; links to other files are not followed");
    }
    if (!(node instanceof SoftLink link)) {
      return node;
    }
    if (budget[0]-- <= 0) {
      throw reader.error(location, "soft links form a loop (more than " + MAX_LINK_HOPS
          + " followed)");
    }
    String target = reader.guard(location, link::getTargetPath);
    // Resolved component by component here, not by jHDF, whose own resolution of a link
    // that reaches itself recurses without end.
    Node current = target.startsWith("/") ? rootGroup() : container;
    for (String part : target.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (!(current instanceof Group g)) {
        throw reader.error(location, "is a soft link to '" + target + "', which does not exist");
      }
      reader.checkLinks(g, location);
      Node next = reader.guard(location, () -> g.getChild(part));
      if (next == null) {
        throw reader.error(location, "is a soft link to '" + target + "', which does not exist");
      }
      current = follow(next, g, location, budget);
    }
    return current;
  }

  private Group rootGroup() {
    return reader.guard(path, () -> group.getHdfFile());
  }

  private String childPath(String name) {
    return path.equals("/") ? "/" + name : path + "/" + name;
  }

  private String attributeLocation(String name) {
    return path + " attribute '" + name + "'";
  }

  private static List<String> split(String relPath) {
    if (relPath == null || relPath.isEmpty()) {
      throw new IllegalArgumentException("path must not be empty");
    }
    List<String> parts = List.of(relPath.split("/", -1));
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("path '" + KerasFileException.oneLine(relPath)
            + "' must be relative, without empty, '.' or '..' parts");
      }
    }
    return parts;
  }
}
