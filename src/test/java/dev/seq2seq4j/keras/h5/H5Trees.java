package dev.seq2seq4j.keras.h5;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Whole-tree operations on read files, for copies and comparisons in tests. */
public final class H5Trees {

  /**
   * Changes a copy on its way into the writer: each method sees one item and returns what the
   * copy holds instead, or null to leave the item out. The defaults copy unchanged.
   */
  public interface Edit {
    /** A string attribute of the group at {@code path}. */
    default String attribute(String path, String name, String value) {
      return value;
    }

    /** A list-of-strings attribute (such as {@code weight_names}) of the group at {@code path}. */
    default List<String> listAttribute(String path, String name, List<String> values) {
      return values;
    }

    /** A float dataset at {@code path}. */
    default FloatBlock floats(String path, FloatBlock values) {
      return values;
    }

    /** Whether the float dataset at {@code path} is written as int64 (rounded) instead. */
    default boolean asIntegers(String path) {
      return false;
    }
  }

  /** The edit that changes nothing. */
  private static final Edit UNCHANGED = new Edit() {};

  private H5Trees() {}

  /**
   * Everything in a tree as text, one line per group, dataset and attribute, sorted: two
   * trees are the same (for Keras) when their snapshots are equal. Float values are printed
   * exactly; string lists are read with Keras's chunk rules, so a list written in chunks
   * equals the same list in one attribute, and an absent list equals an empty one.
   */
  static Map<String, String> snapshot(H5Group group) {
    Map<String, String> out = new TreeMap<>();
    snapshot(group, out);
    return out;
  }

  private static void snapshot(H5Group group, Map<String, String> out) {
    out.put(group.path(), "group");
    for (String attribute : listNames(group)) {
      String key = group.path() + " @" + attribute;
      Optional<List<String>> list = stringListOrNothing(group, attribute);
      out.put(key, list.map(l -> "strings " + l)
          .orElseGet(() -> "string " + group.stringAttribute(attribute).orElseThrow()));
    }
    for (String child : group.childNames()) {
      String path = group.path().equals("/") ? "/" + child : group.path() + "/" + child;
      if (group.isGroup(child)) {
        snapshot(group.requireGroup(child), out);
      } else if (group.datasetType(child).startsWith("float")) {
        FloatBlock block = group.readFloats(child);
        out.put(path, "float " + Arrays.toString(block.shape()) + " "
            + Arrays.toString(block.data()));
      } else {
        out.put(path, group.datasetType(child) + " " + Arrays.toString(group.datasetShape(child))
            + " " + Arrays.toString(group.readLongs(child)));
      }
    }
  }

  /**
   * Attribute names with Keras's chunks folded into their list's name ({@code weight_names0},
   * {@code weight_names1} become {@code weight_names}) and empty lists left out.
   */
  private static List<String> listNames(H5Group group) {
    List<String> names = new ArrayList<>();
    for (String name : group.attributeNames()) {
      String base = name.replaceAll("\\d+$", "");
      boolean chunk = !base.equals(name) && group.attributeNames().contains(base + "0")
          && !group.attributeNames().contains(base);
      String listed = chunk ? base : name;
      if (!names.contains(listed) && !isEmptyList(group, listed)) {
        names.add(listed);
      }
    }
    return names;
  }

  private static boolean isEmptyList(H5Group group, String name) {
    return stringListOrNothing(group, name).map(List::isEmpty).orElse(false);
  }

  private static Optional<List<String>> stringListOrNothing(H5Group group, String name) {
    try {
      return group.stringListAttribute(name);
    } catch (dev.seq2seq4j.keras.KerasFileException e) {
      return Optional.empty(); // a single string
    }
  }

  /**
   * Copies a read tree into a writer: every group, attribute and dataset, floats as float32
   * and integers as int64 (the only types Keras model files hold).
   */
  static void copy(H5Group from, H5Writer.Group to) {
    copy(from, to, UNCHANGED);
  }

  /**
   * Copies a read tree into a writer as {@link #copy(H5Group, H5Writer.Group)} does, through an
   * edit that may change or drop any attribute or dataset.
   *
   * @param from the tree read
   * @param to the group written
   * @param edit what changes on the way
   */
  public static void copy(H5Group from, H5Writer.Group to, Edit edit) {
    String path = from.path();
    for (String attribute : listNames(from)) {
      Optional<List<String>> list = stringListOrNothing(from, attribute);
      if (list.isPresent()) {
        List<String> values = edit.listAttribute(path, attribute, list.get());
        if (values != null) {
          to.attribute(attribute, values);
        }
      } else {
        String value = edit.attribute(path, attribute,
            from.stringAttribute(attribute).orElseThrow());
        if (value != null) {
          to.attribute(attribute, value);
        }
      }
    }
    for (String child : from.childNames()) {
      String childPath = path.equals("/") ? "/" + child : path + "/" + child;
      if (from.isGroup(child)) {
        copy(from.requireGroup(child), to.group(child), edit);
      } else if (from.datasetType(child).startsWith("float")) {
        FloatBlock values = edit.floats(childPath, from.readFloats(child));
        if (values == null) {
          continue;
        }
        if (edit.asIntegers(childPath)) {
          long[] rounded = new long[values.size()];
          for (int i = 0; i < rounded.length; i++) {
            rounded[i] = Math.round(values.data()[i]);
          }
          to.longDataset(child, rounded, values.shape());
        } else {
          to.dataset(child, values);
        }
      } else {
        to.longDataset(child, from.readLongs(child), from.datasetShape(child));
      }
    }
  }

  /**
   * Reads everything reachable, as a careful client would: every child, attribute and
   * dataset, with errors left to propagate. Returns the number of values read.
   */
  static long readAll(H5Group group) {
    long values = 0;
    for (String attribute : group.attributeNames()) {
      try {
        group.stringListAttribute(attribute);
      } catch (dev.seq2seq4j.keras.KerasFileException e) {
        group.stringAttribute(attribute);
      }
    }
    for (String child : group.childNames()) {
      if (group.isGroup(child)) {
        values += readAll(group.requireGroup(child));
      } else if (group.datasetType(child).startsWith("float")) {
        values += group.readFloats(child).size();
      } else {
        values += group.readLongs(child).length;
      }
    }
    return values;
  }
}
