package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.interop.KerasConfigSource;
import dev.seq2seq4j.interop.ModelFile;
import dev.seq2seq4j.interop.ModelFiles;
import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parity DIR}: rebuilds a Keras SavedModel natively and compares it with the SavedModel's
 * own signature on the same inputs. Exit code 0 when within tolerance, 1 when not, 2 on bad
 * input.
 */
@Command(name = "parity", mixinStandardHelpOptions = true,
    description = "Rebuild a Keras model file (SavedModel folder, .keras, .h5) as a native Java "
        + "model and compare it with a reference on the same inputs: the SavedModel's own "
        + "signature, or Keras's recorded outputs (--reference, or a parity.json beside the file).")
final class ParityCommand implements java.util.concurrent.Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE",
      description = "A SavedModel folder, .keras archive, .h5 file or TF checkpoint prefix.")
  Path path;

  @Option(names = "--reference", paramLabel = "PARITY.json",
      description = "Keras's outputs on probe inputs, e.g. from python-export/reference_outputs.py "
          + "(default: FILE's own <name>.parity.json or the parity.json in its folder).")
  Path reference;

  @Option(names = "--signature", paramLabel = "NAME", defaultValue = "serving_default",
      description = "The SavedModel signature to compare (default: ${DEFAULT-VALUE}).")
  String signature;

  @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-5",
      description = "Largest absolute difference that passes (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the random inputs used for a SavedModel without parity.json.")
  long seed;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The Keras model config (JSON, .keras, .h5) when FILE carries none.")
  Path config;

  @Option(names = "--input-shape", paramLabel = "NAME=D1,D2", split = ";",
      description = "Per-sample shape for an Input with unknown sizes, e.g. input_1=6,14.")
  List<String> inputShapes;

  @Option(names = "--json", description = "End with one line of JSON: max_abs_error, "
      + "max_rel_error, tolerance, passed.")
  boolean json;

  ParityCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (!(tolerance >= 0)) {
      throw new UserInputException("--tolerance must be >= 0, got " + tolerance);
    }
    Map<String, long[]> shapes = parseShapes(inputShapes);
    ModelFile file = ModelFiles.open(path);
    Optional<Path> recorded = reference != null ? Optional.of(reference) : besideFile(file);
    if (reference != null && !java.nio.file.Files.isRegularFile(reference)) {
      throw new UserInputException("reference file not found: " + reference);
    }
    Optional<ParityFile> parity = recorded.map(ParityFile::readFile);
    Map<String, long[]> withProbes = parity.isPresent()
        ? ImportedModel.withShapesOf(parity.get(), Map.of()) : Map.of();
    Map<String, long[]> all = new LinkedHashMap<>(withProbes);
    all.putAll(shapes);
    ImportedModel imported = ImportedModel.from(file, all,
        config == null ? null : KerasConfigSource.fromFile(config));
    io.out().println(path + ": " + imported.format() + ", " + imported.version());
    file.keras3Warning().ifPresent(w -> io.out().println("warning: " + w));
    imported.notes().forEach(n -> io.out().println("note: " + n));
    ParityReport report;
    if (parity.isPresent()) {
      report = ParityChecker.againstRecorded(path + " vs " + recorded.get(),
          parity.get().probes(), imported.model(), imported.weights(), tolerance);
    } else if (file instanceof ModelFile.SavedModelFolder s) {
      try (SavedModelRunner runner = SavedModelRunner.open(s.checked())) {
        report = ParityChecker.againstSignature(runner, signature,
            s.parity().map(ParityFile::probes).orElse(null), imported.model(), imported.weights(),
            tolerance, seed);
      }
    } else {
      io.out().println("parity not checked: " + path + " has no reference outputs (give "
          + "--reference PARITY.json; python-export/reference_outputs.py FILE writes one); the "
          + "native rebuild loaded " + imported.weights().size() + " weights");
      if (json) {
        io.out().println(Json.line(Map.of("file", path.toString(), "compared", false)));
      }
      io.out().flush();
      return 0;
    }
    io.out().println(report.format());
    if (json) {
      io.out().println(Json.line(report.toJsonMap()));
    }
    io.out().flush();
    return report.passed() ? 0 : 1;
  }

  /**
   * A Keras file's reference outputs beside it: {@code <name>.parity.json}, else the folder's
   * parity.json (python-export writes one per folder for the SavedModel, {@code .keras} and
   * {@code .h5} of one model). A SavedModel folder compares with its own signature instead.
   */
  static Optional<Path> besideFile(ModelFile file) {
    if (file instanceof ModelFile.SavedModelFolder) {
      return Optional.empty();
    }
    Path p = file.path().toAbsolutePath();
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    Path own = p.resolveSibling(stem + ".parity.json");
    if (java.nio.file.Files.isRegularFile(own)) {
      return Optional.of(own);
    }
    Path folder = p.resolveSibling(ParityFile.FILE_NAME);
    return java.nio.file.Files.isRegularFile(folder) ? Optional.of(folder) : Optional.empty();
  }

  static Map<String, long[]> parseShapes(List<String> specs) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    if (specs == null) {
      return shapes;
    }
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new UserInputException("--input-shape takes NAME=D1,D2,..., got '" + spec + "'");
      }
      String[] parts = spec.substring(eq + 1).split(",");
      long[] dims = new long[parts.length];
      try {
        for (int i = 0; i < parts.length; i++) {
          dims[i] = Long.parseLong(parts[i].trim());
        }
      } catch (NumberFormatException e) {
        throw new UserInputException("--input-shape takes whole numbers, got '" + spec + "'");
      }
      shapes.put(spec.substring(0, eq), dims);
    }
    return shapes;
  }
}
