package dev.seq2seq4j.interop.savedmodel;

import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Writes a Java model with its weights as a TensorFlow SavedModel (tag {@code serve}, signature
 * {@code serving_default}), loadable by TensorFlow Serving, Python's {@code tf.saved_model.load}
 * and {@link SavedModelRunner}.
 *
 * <p>The export holds an inference graph only: no loss, no optimizer state (a training graph
 * would carry Adam's two moments per weight, three times the model's size). Inputs keep the
 * model's Input names; outputs are {@code output_0}, {@code output_1}, ... like Keras 3's {@code
 * model.export}.
 */
public final class SavedModelExporter {
  private static final String EXPORT_INFIX = ".export-";
  private static final String SAVED_MODEL_PB = "saved_model.pb";

  private SavedModelExporter() {}

  /** Writes more files into a finished export before it becomes visible (a parity.json). */
  @FunctionalInterface
  public interface Extras {
    /**
     * Adds files to the export.
     *
     * @param exportDir the complete SavedModel, not yet at its final place
     * @throws IOException if writing fails
     */
    void writeInto(Path exportDir) throws IOException;
  }

  /**
   * Exports {@code model} with {@code weights} (by qualified name, e.g. from {@code
   * CompiledModel.weights()}) into {@code dir}.
   *
   * @param model the model to export
   * @param weights every weight of the model, by qualified name
   * @param dir the target folder: missing or empty
   * @throws IllegalArgumentException if {@code dir} exists and is not empty (nothing is
   *     overwritten), or a weight is missing, unknown or of the wrong shape
   * @throws UncheckedIOException if the folder cannot be written
   */
  public static void export(Model model, Weights weights, Path dir) {
    export(model, weights, dir, Set.of(), exportDir -> { });
  }

  /**
   * Exports as {@link #export(Model, Weights, Path)} does, atomically: the SavedModel and the
   * extras are written into a temporary sibling {@code .DIR.export-PID-*}, which is renamed to
   * {@code DIR} only when complete. A kill at any point leaves either no export or a complete
   * one (and a temporary folder that the next export removes), never a 0-byte {@code
   * saved_model.pb} or a cut {@code parity.json}; of two processes exporting to one folder, the
   * second is refused instead of mixing its files into the first's.
   *
   * @param model the model to export
   * @param weights every weight of the model, by qualified name
   * @param dir the target folder: missing, empty, or holding only files named in {@code
   *     alsoAllowed} (which stay)
   * @param alsoAllowed names of files that may already be in {@code dir}, such as the saved
   *     weights the same command wrote there
   * @param extras more files for the export
   * @throws IllegalArgumentException if {@code dir} holds anything else, or was filled by
   *     another process meanwhile, or a weight is missing, unknown or of the wrong shape
   * @throws UncheckedIOException if the folder cannot be written
   */
  public static void export(Model model, Weights weights, Path dir, Set<String> alsoAllowed,
      Extras extras) {
    checkTarget(dir, alsoAllowed);
    weights.requireComplete("model '" + model.name() + "'", model.weights());
    Path target = dir.toAbsolutePath().normalize();
    Path tmp = null;
    try {
      // Decided now, not when publishing: a folder that fills up meanwhile must be refused.
      boolean joining = Files.exists(target) && !isEmpty(target);
      removeAbandonedExports(target);
      Files.createDirectories(target.getParent());
      tmp = Files.createTempDirectory(target.getParent(),
          "." + target.getFileName() + EXPORT_INFIX + ProcessHandle.current().pid() + "-");
      Path staging = tmp.resolve("model");
      writeSavedModel(model, weights, staging);
      extras.writeInto(staging);
      publish(staging, target, dir, joining);
    } catch (IOException e) {
      throw new UncheckedIOException("could not export SavedModel to " + dir + ": "
          + e.getMessage(), e);
    } catch (TensorFlowException e) {
      // The native saver's message names the temporary folder and the op, not the user's
      // folder: "/x/.y.export-1/model/variables; No such file or directory [[{{node save}}]]".
      throw new UncheckedIOException("could not export SavedModel to " + dir + ": "
          + firstLine(e.getMessage()), new IOException(e));
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  private static void writeSavedModel(Model model, Weights weights, Path into)
      throws IOException {
    try (Graph g = new Graph()) {
      ModelGraph mg = ModelGraph.build(model, Ops.create(g));
      try (Session s = new Session(g)) {
        mg.setWeights(s, weights);
        Signature.Builder sig = Signature.builder().key(SavedModelRunner.DEFAULT_SIGNATURE);
        for (Map.Entry<String, Placeholder<? extends TType>> in : mg.inputs().entrySet()) {
          sig.input(in.getKey(), in.getValue());
        }
        List<Operand<TFloat32>> outs = mg.outputs();
        for (int i = 0; i < outs.size(); i++) {
          sig.output("output_" + i, outs.get(i));
        }
        SavedModelBundle.exporter(into.toString())
            .withTags(SavedModelRunner.SERVE_TAG)
            .withFunction(s.function(sig.build()))
            .export();
      }
    }
  }

  /**
   * Moves a complete export to its place. Into a folder that was missing or empty this is one
   * rename, which fails if another process filled the folder meanwhile. Beside files that were
   * already there (and allowed), each entry is moved in turn, never over an existing one, and
   * {@code saved_model.pb} last, so the folder is a SavedModel only once everything is in it.
   */
  private static void publish(Path staging, Path target, Path given, boolean joining)
      throws IOException {
    if (!joining) {
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (FileSystemException e) {
        // rename(2) onto a non-empty folder fails with ENOTEMPTY, which Java reports as a
        // plain FileSystemException ("Directory not empty").
        if (Files.exists(target) && !isEmpty(target)) {
          throw new IllegalArgumentException("refusing to export into " + given
              + ": another process filled the folder while this export was written");
        }
        throw e;
      }
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(staging)) {
      entries = list.sorted(Comparator.comparing(
          (Path p) -> p.getFileName().toString().equals(SAVED_MODEL_PB))).toList();
    }
    for (Path entry : entries) {
      try {
        // No ATOMIC_MOVE: a rename would silently replace a file that appeared meanwhile.
        Files.move(entry, target.resolve(entry.getFileName().toString()));
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        throw new IllegalArgumentException("refusing to export into " + given + ": "
            + entry.getFileName() + " appeared there while this export was written");
      }
    }
  }

  /** Deletes the temporary folders of exports to {@code target} whose process has ended. */
  private static void removeAbandonedExports(Path target) throws IOException {
    Path parent = target.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return;
    }
    String prefix = "." + target.getFileName() + EXPORT_INFIX;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, prefix + "*")) {
      for (Path p : s) {
        String rest = p.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash > 0 ? rest.substring(0, dash) : rest);
        } catch (NumberFormatException e) {
          continue; // not one of ours
        }
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive || pid == ProcessHandle.current().pid()) {
          deleteQuietly(p);
        }
      }
    }
  }

  /**
   * Checks that {@code dir} can receive an export (missing, or an empty folder), so a caller can
   * fail before a long training run rather than after it.
   *
   * @param dir the intended export folder
   * @throws IllegalArgumentException naming the problem otherwise
   */
  public static void checkTarget(Path dir) {
    checkTarget(dir, Set.of());
  }

  /**
   * Checks that {@code dir} can receive an export: a name is given, its parent folder accepts
   * new files, and it is missing or a folder holding nothing but files named in {@code
   * alsoAllowed}.
   *
   * @param dir the intended export folder
   * @param alsoAllowed names of files that may already be there
   * @throws IllegalArgumentException naming the problem otherwise
   */
  public static void checkTarget(Path dir, Set<String> alsoAllowed) {
    if (dir.toString().isBlank()) {
      throw new IllegalArgumentException("the export folder name is empty");
    }
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("cannot export to " + dir + ": it is a file");
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.anyMatch(p -> !alsoAllowed.contains(p.getFileName().toString()))) {
          throw new IllegalArgumentException(
              "refusing to export into " + dir + ": the folder is not empty");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
      }
    }
    Path parent = dir.toAbsolutePath().normalize().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new IllegalArgumentException("cannot export to " + dir
          + ": its parent folder does not exist");
    }
    try {
      Files.delete(Files.createTempFile(parent, "." + dir.getFileName() + ".probe-", ""));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot export to " + dir + ": its folder " + parent
          + " does not accept new files (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "TensorFlow could not write it";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.replaceAll("\\s*\\[\\[\\{\\{node [^}]*}}]]", "").strip();
  }

  private static void deleteQuietly(Path p) {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // best effort: the next export removes what is left
    }
  }
}
