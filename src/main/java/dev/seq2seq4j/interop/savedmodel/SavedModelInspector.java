package dev.seq2seq4j.interop.savedmodel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedObject;
import org.tensorflow.proto.SavedObjectGraphOuterClass.SavedVariable;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Describes a SavedModel folder without running it: tags, signatures, the TensorFlow version that
 * wrote it, which Keras wrote it, and its variables. Reads {@code saved_model.pb} with the
 * protobuf classes only, so a folder that is not a SavedModel is reported, never loaded.
 */
public final class SavedModelInspector {
  private SavedModelInspector() {}

  /**
   * One variable of the SavedModel.
   *
   * @param name the variable's name, e.g. {@code lstm/lstm_cell/kernel}
   * @param dtype its dtype, e.g. {@code DT_FLOAT}
   * @param shape its shape
   * @param trainable whether Keras trains it
   */
  public record Variable(String name, String dtype, long[] shape, boolean trainable) {}

  /**
   * What a SavedModel holds.
   *
   * @param directory the folder
   * @param tags each MetaGraph's tags
   * @param tensorflowVersion the TensorFlow version that wrote it
   * @param format Keras 3 export, Keras 2 {@code model.save}, or plain TensorFlow
   * @param signatures the signatures by key
   * @param variables every variable once, in object-graph order
   */
  public record Description(
      Path directory,
      List<Set<String>> tags,
      String tensorflowVersion,
      String format,
      Map<String, SignatureInfo> signatures,
      List<Variable> variables) {}

  /**
   * Reads the folder's {@code saved_model.pb}.
   *
   * @param dir the SavedModel folder
   * @return what it holds
   * @throws ModelLoadException naming the problem: no folder, no saved_model.pb, a corrupt file
   */
  public static Description describe(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException("SavedModel folder not found: " + dir);
    }
    Path pb = dir.resolve("saved_model.pb");
    if (!Files.isRegularFile(pb)) {
      throw new ModelLoadException(dir + " is not a SavedModel: it has no saved_model.pb");
    }
    SavedModel saved;
    try (InputStream in = Files.newInputStream(pb)) {
      saved = SavedModel.parseFrom(in);
    } catch (IOException e) {
      throw new ModelLoadException(pb + " is corrupt: " + e.getMessage(), e);
    }
    if (saved.getMetaGraphsCount() == 0) {
      throw new ModelLoadException(pb + " holds no MetaGraph");
    }
    List<Set<String>> tags = new ArrayList<>();
    for (MetaGraphDef mg : saved.getMetaGraphsList()) {
      tags.add(new LinkedHashSet<>(mg.getMetaInfoDef().getTagsList()));
    }
    MetaGraphDef mg = saved.getMetaGraphs(0);
    Map<String, SignatureInfo> sigs = new LinkedHashMap<>();
    for (Map.Entry<String, SignatureDef> e : mg.getSignatureDefMap().entrySet()) {
      if (e.getKey().startsWith("__")) {
        continue; // TensorFlow's internal init op, not a callable signature
      }
      sigs.put(e.getKey(), SignatureInfo.from(e.getKey(), e.getValue()));
    }
    List<Variable> vars = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (SavedObject node : mg.getObjectGraphDef().getNodesList()) {
      if (node.hasVariable()) {
        SavedVariable v = node.getVariable();
        if (seen.add(v.getName())) {
          vars.add(new Variable(v.getName(), v.getDtype().name(), dims(v.getShape()),
              v.getTrainable()));
        }
      }
    }
    return new Description(dir, tags, mg.getMetaInfoDef().getTensorflowVersion(),
        format(dir, mg), sigs, vars);
  }

  /**
   * Reads the folder's {@code saved_model.pb} and checks its checkpoint ({@code
   * variables/variables.index} and data files, in plain Java): what must pass before the folder
   * is handed to TensorFlow's native loader.
   *
   * @param dir the SavedModel folder
   * @return the description and the checkpoint index ({@code null} for a SavedModel without
   *     variables)
   * @throws ModelLoadException naming the problem: no folder, no or a corrupt saved_model.pb, a
   *     missing, truncated or corrupt variables file
   */
  public static Checked validate(Path dir) {
    Description d = describe(dir);
    Path prefix = dir.resolve("variables").resolve("variables");
    if (d.variables().isEmpty() && !Files.exists(Path.of(prefix + ".index"))) {
      return new Checked(d, null);
    }
    if (!Files.isRegularFile(Path.of(prefix + ".index"))) {
      throw new ModelLoadException(dir + " is an incomplete SavedModel: saved_model.pb names "
          + d.variables().size() + " variables but there is no variables/variables.index");
    }
    return new Checked(d, CheckpointIndex.read(prefix).verifyData());
  }

  /**
   * A SavedModel that passed {@link #validate(Path)}.
   *
   * @param description what saved_model.pb says
   * @param checkpoint the verified variables checkpoint, or {@code null} if it has none
   */
  public record Checked(Description description, CheckpointIndex checkpoint) {}

  private static String format(Path dir, MetaGraphDef mg) {
    if (Files.isRegularFile(dir.resolve("keras_metadata.pb"))) {
      return "Keras 2 SavedModel (model.save, with keras_metadata.pb)";
    }
    boolean keras3 = mg.getObjectGraphDef().getNodesCount() > 0
        && mg.getObjectGraphDef().getNodes(0).getChildrenList().stream()
            .anyMatch(c -> c.getLocalName().equals("_all_variables"));
    if (keras3) {
      return "Keras 3 export (model.export)";
    }
    return "TensorFlow SavedModel (no Keras metadata)";
  }

  private static long[] dims(TensorShapeProto shape) {
    long[] d = new long[shape.getDimCount()];
    for (int i = 0; i < d.length; i++) {
      d[i] = shape.getDim(i).getSize();
    }
    return d;
  }
}
