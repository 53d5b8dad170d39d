package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.interop.KerasConfigSource;
import dev.seq2seq4j.interop.ParityChecker;
import dev.seq2seq4j.interop.ParityReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parity DIR}: rebuilds a Keras SavedModel natively and compares it with the SavedModel's
 * own signature on the same inputs. Exit code 0 when within tolerance, 1 when not, 2 on bad
 * input.
 */
@Command(name = "parity", mixinStandardHelpOptions = true,
    description = "Rebuild a Keras SavedModel as a native Java model and compare both on the "
        + "same inputs (parity.json probes, or seeded random inputs).")
final class ParityCommand implements java.util.concurrent.Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "DIR", description = "A Keras SavedModel folder.")
  Path dir;

  @Option(names = "--signature", paramLabel = "NAME", defaultValue = "serving_default",
      description = "The signature to compare (default: ${DEFAULT-VALUE}).")
  String signature;

  @Option(names = "--tolerance", paramLabel = "X", defaultValue = "1e-5",
      description = "Largest absolute difference that passes (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the random inputs used when there is no parity.json.")
  long seed;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The Keras model config (JSON, .h5) when the folder carries none.")
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
    ImportedModel imported = config == null
        ? ImportedModel.fromSavedModel(dir, shapes)
        : ImportedModel.fromCheckpoint(KerasConfigSource.fromFile(config),
            dir.resolve("variables").resolve("variables"), shapes);
    imported.notes().forEach(n -> io.out().println("note: " + n));
    ParityReport report = ParityChecker.check(dir, signature, imported, tolerance, seed);
    io.out().println(report.format());
    if (json) {
      io.out().println(Json.line(report.toJsonMap()));
    }
    io.out().flush();
    return report.passed() ? 0 : 1;
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
