package dev.seq2seq4j.interop.savedmodel;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;

/**
 * Runs the signatures of a TensorFlow SavedModel (for example one exported by Keras 3's
 * {@code model.export(dir)}) on float arrays.
 *
 * <p>Everything that can be checked in Java is checked before native code sees it: the folder
 * must exist and hold {@code saved_model.pb}; signature, input names and input shapes must
 * match what the MetaGraphDef's SignatureDefs declare. Input and output names are always read
 * from those SignatureDefs, never assumed.
 *
 * <pre>{@code
 * try (SavedModelRunner runner = SavedModelRunner.open(Path.of("saved-models/addition-seq2seq"))) {
 *   Map<String, FloatBlock> out = runner.run("serving_default",
 *       Map.of("input", FloatBlock.of(x, 32, 5, 12)));
 * }
 * }</pre>
 */
public final class SavedModelRunner implements AutoCloseable {

  /** The tag Keras and {@code tf.saved_model.save} give the serving graph. */
  public static final String SERVE_TAG = "serve";

  /** The signature Keras 3 export and TensorFlow Serving use by default. */
  public static final String DEFAULT_SIGNATURE = "serving_default";

  private final Path dir;
  private final SavedModelBundle bundle;
  private final Map<String, SignatureInfo> signatures;
  private boolean closed;

  private SavedModelRunner(Path dir, SavedModelBundle bundle) {
    this.dir = dir;
    this.bundle = bundle;
    this.signatures = readSignatures(bundle);
  }

  /**
   * Loads the {@code serve} graph of the SavedModel in {@code dir}.
   *
   * @param dir the SavedModel folder (holding {@code saved_model.pb} and {@code variables/})
   * @return an open runner; close it to free the native session
   * @throws ModelLoadException if the folder is missing, is not a SavedModel, its
   *     saved_model.pb or variables fail the checks of {@link SavedModelInspector#validate}, or
   *     TensorFlow cannot load it
   */
  public static SavedModelRunner open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      throw new ModelLoadException("SavedModel folder does not exist: " + abs);
    }
    if (!Files.isDirectory(abs)) {
      throw new ModelLoadException("SavedModel path is not a folder: " + abs);
    }
    if (!Files.isRegularFile(abs.resolve("saved_model.pb"))
        && !Files.isRegularFile(abs.resolve("saved_model.pbtxt"))) {
      throw new ModelLoadException(
          "Not a SavedModel folder (no saved_model.pb): " + abs
              + " — expected the folder written by model.export(dir) or tf.saved_model.save");
    }
    if (Files.isRegularFile(abs.resolve("saved_model.pb"))) {
      // Corrupt protobufs and truncated or corrupt variables are caught here, in Java, so
      // native code never sees them (TensorFlow can abort the JVM on bad input).
      try {
        SavedModelInspector.validate(abs);
      } catch (ModelLoadException e) {
        throw new ModelLoadException(
            "could not load the SavedModel in " + abs + ": " + e.getMessage(), e);
      }
    }
    return load(abs);
  }

  /**
   * Loads a SavedModel folder that has passed {@link SavedModelInspector#validate} already, so
   * its files are not read and checksummed a second time.
   *
   * @param checked the validated folder
   * @return an open runner; close it to free the native session
   * @throws ModelLoadException if TensorFlow cannot load it
   */
  public static SavedModelRunner open(SavedModelInspector.Checked checked) {
    return load(checked.description().directory().toAbsolutePath().normalize());
  }

  private static SavedModelRunner load(Path abs) {
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(abs.toString(), SERVE_TAG);
    } catch (RuntimeException e) {
      // TensorFlow reports corrupt or incompatible files as TensorFlowException (a
      // RuntimeException); name the folder so the user knows which model failed.
      throw new ModelLoadException(
          "TensorFlow could not load the SavedModel in " + abs + " with tag '" + SERVE_TAG
              + "': " + e.getMessage(), e);
    }
    try {
      return new SavedModelRunner(abs, bundle);
    } catch (RuntimeException e) {
      bundle.close();
      throw new ModelLoadException("Could not read the signatures of " + abs + ": "
          + e.getMessage(), e);
    }
  }

  private static Map<String, SignatureInfo> readSignatures(SavedModelBundle bundle) {
    Map<String, SignatureInfo> map = new TreeMap<>();
    for (Map.Entry<String, SignatureDef> e :
        bundle.metaGraphDef().getSignatureDefMap().entrySet()) {
      // Keys such as __saved_model_init_op are TensorFlow internals, not callable signatures.
      if (!e.getKey().startsWith("__")) {
        map.put(e.getKey(), SignatureInfo.from(e.getKey(), e.getValue()));
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Returns the folder this model was loaded from.
   *
   * @return the absolute, normalised folder
   */
  public Path directory() {
    return dir;
  }

  /**
   * Returns every callable signature, as declared by the MetaGraphDef.
   *
   * @return signatures by name, sorted
   */
  public Map<String, SignatureInfo> signatures() {
    return signatures;
  }

  /**
   * Returns one signature.
   *
   * @param name the signature key
   * @return its description
   * @throws IllegalArgumentException if there is no such signature (the message lists them)
   */
  public SignatureInfo signature(String name) {
    SignatureInfo info = signatures.get(name);
    if (info == null) {
      throw new IllegalArgumentException("Unknown signature '" + name + "' in " + dir
          + "; available signatures: " + signatures.keySet());
    }
    return info;
  }

  /**
   * Runs the {@value #DEFAULT_SIGNATURE} signature.
   *
   * @param inputs one array per signature input, keyed by input name
   * @return one array per signature output, keyed by output name
   */
  public Map<String, FloatBlock> run(Map<String, FloatBlock> inputs) {
    return run(DEFAULT_SIGNATURE, inputs);
  }

  /**
   * Runs a signature after checking the inputs against it.
   *
   * @param signatureName the signature key, e.g. {@code serving_default}
   * @param inputs one array per signature input, keyed by input name
   * @return one array per signature output, keyed by output name, in signature order
   * @throws IllegalArgumentException if the signature is unknown, an input is missing or
   *     unknown, or a shape does not fit the signature; the message names what and where
   * @throws IllegalStateException if the runner is closed or an output is not float32
   */
  public Map<String, FloatBlock> run(String signatureName, Map<String, FloatBlock> inputs) {
    if (closed) {
      throw new IllegalStateException("SavedModelRunner for " + dir + " is closed");
    }
    Objects.requireNonNull(inputs, "inputs");
    SignatureInfo sig = signature(signatureName);
    validate(sig, inputs);

    List<Tensor> fed = new ArrayList<>();
    try {
      Map<String, Tensor> feed = new LinkedHashMap<>();
      for (SignatureInfo.Spec spec : sig.inputs()) {
        Tensor t = tensor(spec, inputs.get(spec.name()));
        fed.add(t);
        feed.put(spec.name(), t);
      }
      try (Result result = bundle.function(signatureName).call(feed)) {
        Map<String, FloatBlock> out = new LinkedHashMap<>();
        for (String name : sig.outputNames()) {
          Tensor t = result.get(name).orElseThrow(() -> new IllegalStateException(
              "Signature '" + signatureName + "' of " + dir + " returned no output '" + name
                  + "'; got " + result.keySet()));
          out.put(name, toBlock(signatureName, name, t));
        }
        return out;
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private void validate(SignatureInfo sig, Map<String, FloatBlock> inputs) {
    TreeSet<String> unknown = new TreeSet<>(inputs.keySet());
    unknown.removeAll(sig.inputNames());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Signature '" + sig.name() + "' of " + dir
          + " has no input named " + unknown + "; its inputs are " + sig.inputs());
    }
    for (SignatureInfo.Spec spec : sig.inputs()) {
      FloatBlock a = inputs.get(spec.name());
      if (a == null) {
        throw new IllegalArgumentException("Missing input '" + spec.name() + "' for signature '"
            + sig.name() + "' of " + dir + "; its inputs are " + sig.inputs());
      }
      if (!FEEDABLE.contains(spec.dtype())) {
        throw new IllegalArgumentException("Input '" + spec.name() + "' of signature '"
            + sig.name() + "' has dtype " + spec.dtype()
            + "; only FLOAT, INT32 and INT64 inputs are supported");
      }
      if (!spec.accepts(a.shape())) {
        throw new IllegalArgumentException("Input '" + spec.name() + "' of signature '"
            + sig.name() + "' expects shape " + spec.shapeText() + " but was given "
            + Arrays.toString(a.shape()));
      }
    }
  }

  /** The input dtypes this runner can feed from float blocks. */
  private static final java.util.Set<String> FEEDABLE = java.util.Set.of("FLOAT", "INT32", "INT64");

  /** A tensor of the spec's dtype; integer inputs must hold whole numbers (checked in Java). */
  private Tensor tensor(SignatureInfo.Spec spec, FloatBlock block) {
    try {
      switch (spec.dtype()) {
        case "INT32":
          return Tensors.int32(block);
        case "INT64":
          return Tensors.int64(block);
        default:
          return Tensors.float32(block);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Input '" + spec.name() + "' of " + dir + ": "
          + e.getMessage(), e);
    }
  }

  private FloatBlock toBlock(String signatureName, String name, Tensor t) {
    if (!(t instanceof TFloat32)) {
      throw new IllegalStateException("Output '" + name + "' of signature '" + signatureName
          + "' is " + t.dataType() + ", not float32");
    }
    return Tensors.toBlock(t);
  }

  /** Frees the native session and graph. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      bundle.close();
    }
  }

  @Override
  public String toString() {
    return "SavedModelRunner[" + dir + ", signatures=" + signatures.keySet() + "]";
  }
}
