package dev.seq2seq4j.interop.savedmodel;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Tensors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Reads a TensorFlow 2 object-based checkpoint: the {@code variables/variables} of a SavedModel,
 * or the prefix Keras's {@code save_weights} writes ({@code PREFIX.index} plus {@code
 * PREFIX.data-*}).
 *
 * <p>Checkpoint keys are object-graph paths ({@code layer_with_weights-0/cell/kernel/...} in
 * Keras 2, {@code variables/7/...} in Keras 3, numbered in an order that changes between
 * exports). The checkpoint's own {@code _CHECKPOINTABLE_OBJECT_GRAPH} entry names every
 * variable ({@code lstm/lstm_cell/kernel}) next to its key, so values are looked up by name,
 * never by position. Values are restored with TensorFlow's {@code RestoreV2} op.
 */
public final class CheckpointReader {
  private static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
  private static final String VARIABLE_VALUE = "VARIABLE_VALUE";

  private final Path prefix;
  private final CheckpointIndex index;
  private final Map<String, String> keysByName;
  private final TrackableObjectGraph graph;

  private CheckpointReader(Path prefix, CheckpointIndex index, Map<String, String> keysByName,
      TrackableObjectGraph graph) {
    this.prefix = prefix;
    this.index = index;
    this.keysByName = Collections.unmodifiableMap(keysByName);
    this.graph = graph;
  }

  /**
   * Opens the checkpoint with this prefix and reads its object graph.
   *
   * @param prefix e.g. {@code dir/variables/variables} or {@code weights/v1.weights}
   * @return the reader, with the checkpoint's variables by full name and by object path
   * @throws ModelLoadException naming the problem if a file is missing, truncated or corrupt
   */
  public static CheckpointReader open(Path prefix) {
    // Index and data files are checked in Java first: RestoreV2's own errors on a truncated
    // or corrupt file are unclear, and native code should only see files known to be whole.
    return open(prefix, CheckpointIndex.read(prefix).verifyData());
  }

  /**
   * Opens a checkpoint whose index has been read and verified already.
   *
   * @param prefix the checkpoint prefix
   * @param index its verified index
   * @return the reader
   * @throws ModelLoadException if the object graph is corrupt
   */
  public static CheckpointReader open(Path prefix, CheckpointIndex index) {
    Map<String, String> names = new LinkedHashMap<>();
    if (!index.entries().containsKey(OBJECT_GRAPH_KEY)) {
      // A name-based checkpoint (TensorFlow 1 style, as TensorFlow Java's exporter writes):
      // every key is a variable's own name.
      for (CheckpointIndex.Entry e : index.entries().values()) {
        names.put(e.key(), e.key());
      }
      return new CheckpointReader(prefix, index, names, TrackableObjectGraph.getDefaultInstance());
    }
    byte[] graphBytes = restoreBytes(prefix, OBJECT_GRAPH_KEY);
    TrackableObjectGraph graph;
    try {
      graph = TrackableObjectGraph.parseFrom(graphBytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new ModelLoadException("checkpoint " + prefix + " has a corrupt object graph", e);
    }
    for (TrackableObjectGraph.TrackableObject node : graph.getNodesList()) {
      for (TrackableObjectGraph.TrackableObject.ObjectReference child : node.getChildrenList()) {
        if (child.getNodeId() < 0 || child.getNodeId() >= graph.getNodesCount()) {
          throw new ModelLoadException("checkpoint " + prefix + " has a corrupt object graph: a "
              + "child refers to node " + child.getNodeId() + " of " + graph.getNodesCount());
        }
      }
      String key = variableKey(node);
      for (TrackableObjectGraph.TrackableObject.SerializedTensor t : node.getAttributesList()) {
        // Keras 3 lists each variable twice (variables/N and _all_variables/N): keep the first.
        if (t.getName().equals(VARIABLE_VALUE) && !t.getFullName().isEmpty()) {
          names.putIfAbsent(t.getFullName(), key);
        }
      }
    }
    return new CheckpointReader(prefix, index, names, graph);
  }

  private static String variableKey(TrackableObjectGraph.TrackableObject node) {
    for (TrackableObjectGraph.TrackableObject.SerializedTensor t : node.getAttributesList()) {
      if (t.getName().equals(VARIABLE_VALUE)) {
        return t.getCheckpointKey();
      }
    }
    return null;
  }

  /**
   * The checkpoint key of the variable at an object-graph path, found by following children by
   * their local names from the root object ({@code layer_with_weights-0}, then {@code cell},
   * then {@code kernel}).
   *
   * @param path e.g. {@code layer_with_weights-0/cell/kernel}
   * @return the key, or {@code null} if no variable sits at that path
   */
  public String keyAtPath(String path) {
    if (graph.getNodesCount() == 0) {
      return null;
    }
    int node = 0;
    for (String name : path.split("/")) {
      int next = -1;
      for (TrackableObjectGraph.TrackableObject.ObjectReference c
          : graph.getNodes(node).getChildrenList()) {
        if (c.getLocalName().equals(name)) {
          next = c.getNodeId();
          break;
        }
      }
      if (next < 0) {
        return null;
      }
      node = next;
    }
    return variableKey(graph.getNodes(node));
  }

  /**
   * The root object's children, for messages.
   *
   * @return their local names, e.g. {@code layer_with_weights-0}
   */
  public List<String> rootChildren() {
    List<String> names = new ArrayList<>();
    if (graph.getNodesCount() > 0) {
      graph.getNodes(0).getChildrenList().forEach(c -> names.add(c.getLocalName()));
    }
    return names;
  }

  /**
   * The checkpoint prefix.
   *
   * @return the prefix given to {@link #open(Path)}
   */
  public Path prefix() {
    return prefix;
  }

  /**
   * The checkpoint's verified index.
   *
   * @return every tensor's key, dtype, shape and place
   */
  public CheckpointIndex index() {
    return index;
  }

  /**
   * The checkpoint's variables by full name.
   *
   * @return every variable's full name (e.g. {@code lstm/lstm_cell/kernel}; for a name-based
   *     checkpoint the key itself) with its checkpoint key
   */
  public Map<String, String> variables() {
    return keysByName;
  }

  /**
   * Restores float variables by checkpoint key.
   *
   * @param keysByWeight checkpoint keys, by the name the caller wants the values under
   * @return the values, by the caller's names, in their order
   * @throws ModelLoadException if a key is missing, not float32, or the data cannot be read
   */
  public Map<String, FloatBlock> readKeys(Map<String, String> keysByWeight) {
    return restoreFloats(keysByWeight);
  }

  /**
   * Restores float variables by full name.
   *
   * @param names full variable names, as in {@link #variables()}
   * @return the values, by the given names, in their order
   * @throws IllegalArgumentException naming a variable the checkpoint does not hold
   * @throws ModelLoadException if the data cannot be read (e.g. a truncated data file)
   */
  public Map<String, FloatBlock> readFloats(List<String> names) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String n : names) {
      String key = keysByName.get(n);
      if (key == null) {
        throw new IllegalArgumentException(
            "checkpoint " + prefix + " has no variable '" + n + "'; it has " + keysByName.keySet());
      }
      byName.put(n, key);
    }
    return restoreFloats(byName);
  }

  private Map<String, FloatBlock> restoreFloats(Map<String, String> keysByName) {
    List<String> names = new ArrayList<>(keysByName.keySet());
    List<String> keys = new ArrayList<>();
    for (String n : names) {
      String key = keysByName.get(n);
      CheckpointIndex.Entry entry = index.entries().get(key);
      if (entry == null || entry.dtype() != org.tensorflow.proto.DataType.DT_FLOAT || entry.sliced()) {
        throw new ModelLoadException("checkpoint " + prefix + ": variable '" + n + "' ("
            + key + ") is " + (entry == null ? "missing from the index"
                : entry.sliced() ? "partitioned into slices" : entry.dtype()) + ", not a float32 tensor");
      }
      keys.add(key);
    }
    Map<String, FloatBlock> out = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Class<? extends TType>> types = new ArrayList<>(Collections.nCopies(keys.size(), TFloat32.class));
      Restore restore =
          tf.train.restore(
              tf.constant(prefix.toString()),
              tf.constant(StandardCharsets.UTF_8, keys.toArray(new String[0])),
              tf.constant(StandardCharsets.UTF_8, emptyStrings(keys.size())),
              types);
      Session.Runner r = s.runner();
      restore.tensors().forEach(r::fetch);
      try (Result res = r.run()) {
        for (int i = 0; i < names.size(); i++) {
          out.put(names.get(i), Tensors.toBlock(res.get(i)));
        }
      }
    } catch (TensorFlowException e) {
      throw new ModelLoadException(
          "cannot read checkpoint " + prefix + ": " + firstLine(e.getMessage()), e);
    }
    return out;
  }

  private static byte[] restoreBytes(Path prefix, String key) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Restore restore =
          tf.train.restore(
              tf.constant(prefix.toString()),
              tf.constant(StandardCharsets.UTF_8, new String[] {key}),
              tf.constant(StandardCharsets.UTF_8, new String[] {""}),
              List.of(TString.class));
      try (Result res = s.runner().fetch(restore.tensors().get(0)).run()) {
        return ((TString) res.get(0)).asBytes().getObject();
      }
    } catch (TensorFlowException e) {
      throw new ModelLoadException(
          "cannot read checkpoint " + prefix + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static String[] emptyStrings(int n) {
    String[] s = new String[n];
    java.util.Arrays.fill(s, "");
    return s;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
