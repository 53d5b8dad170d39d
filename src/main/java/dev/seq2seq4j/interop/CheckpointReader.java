package dev.seq2seq4j.interop;

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

  private CheckpointReader(Path prefix, CheckpointIndex index, Map<String, String> keysByName) {
    this.prefix = prefix;
    this.index = index;
    this.keysByName = Collections.unmodifiableMap(keysByName);
  }

  /**
   * Opens the checkpoint with this prefix and reads its object graph.
   *
   * @param prefix e.g. {@code dir/variables/variables} or {@code weights/v1.weights}
   * @return the reader, with the checkpoint's variables by full name
   * @throws ModelLoadException naming the problem if a file is missing, truncated or corrupt
   */
  public static CheckpointReader open(Path prefix) {
    // Index and data files are checked in Java first: RestoreV2's own errors on a truncated
    // or corrupt file are unclear, and native code should only see files known to be whole.
    CheckpointIndex index = CheckpointIndex.read(prefix).verifyData();
    if (!index.entries().containsKey(OBJECT_GRAPH_KEY)) {
      throw new ModelLoadException("checkpoint " + prefix + " has no " + OBJECT_GRAPH_KEY
          + " entry: it is a name-based (TensorFlow 1) checkpoint, not an object checkpoint");
    }
    byte[] graphBytes = restoreBytes(prefix, OBJECT_GRAPH_KEY);
    TrackableObjectGraph graph;
    try {
      graph = TrackableObjectGraph.parseFrom(graphBytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new ModelLoadException("checkpoint " + prefix + " has a corrupt object graph", e);
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (TrackableObjectGraph.TrackableObject node : graph.getNodesList()) {
      for (TrackableObjectGraph.TrackableObject.SerializedTensor t : node.getAttributesList()) {
        if (t.getName().equals(VARIABLE_VALUE) && !t.getFullName().isEmpty()) {
          // Keras 3 lists each variable twice (variables/N and _all_variables/N): keep the first.
          keys.putIfAbsent(t.getFullName(), t.getCheckpointKey());
        }
      }
    }
    return new CheckpointReader(prefix, index, keys);
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
   * The checkpoint's variables.
   *
   * @return every variable's full name (e.g. {@code lstm/lstm_cell/kernel}) with its checkpoint
   *     key
   */
  public Map<String, String> variables() {
    return keysByName;
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
    List<String> keys = new ArrayList<>();
    for (String n : names) {
      String key = keysByName.get(n);
      if (key == null) {
        throw new IllegalArgumentException(
            "checkpoint " + prefix + " has no variable '" + n + "'; it has " + keysByName.keySet());
      }
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
