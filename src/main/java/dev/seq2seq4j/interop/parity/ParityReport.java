package dev.seq2seq4j.interop.parity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How closely a native rebuild matches its SavedModel on the same inputs.
 *
 * @param directory the SavedModel checked
 * @param probeSource where the inputs came from ({@code parity.json} or seeded random)
 * @param rows how many input rows were compared
 * @param outputs per signature output: the largest absolute and relative differences
 * @param tolerance the largest absolute difference that passes
 */
public record ParityReport(
    String directory, String probeSource, int rows, List<OutputError> outputs, double tolerance) {

  /**
   * The errors of one output.
   *
   * @param name the signature output name
   * @param maxAbsError the largest {@code |native - savedmodel|}
   * @param maxRelError the largest {@code |native - savedmodel| / max(|savedmodel|, 1e-12)}
   */
  public record OutputError(String name, double maxAbsError, double maxRelError) {}

  /**
   * The largest absolute error over all outputs.
   *
   * @return the largest {@code |native - savedmodel|}, 0 without outputs
   */
  public double maxAbsError() {
    return outputs.stream().mapToDouble(OutputError::maxAbsError).max().orElse(0);
  }

  /**
   * The largest relative error over all outputs.
   *
   * @return the largest relative difference, 0 without outputs
   */
  public double maxRelError() {
    return outputs.stream().mapToDouble(OutputError::maxRelError).max().orElse(0);
  }

  /**
   * Whether every output is within the tolerance.
   *
   * @return {@code true} if the largest absolute error is at most the tolerance
   */
  public boolean passed() {
    return maxAbsError() <= tolerance;
  }

  /**
   * A human-readable summary.
   *
   * @return one line per output and a verdict line
   */
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (OutputError o : outputs) {
      sb.append(String.format(Locale.ROOT, "%s: max abs error %.3e, max rel error %.3e%n",
          o.name(), o.maxAbsError(), o.maxRelError()));
    }
    sb.append(String.format(Locale.ROOT,
        "parity %s: %s, %d rows from %s, max abs error %.3e (tolerance %.0e)",
        passed() ? "passed" : "FAILED", directory, rows, probeSource, maxAbsError(), tolerance));
    return sb.toString();
  }

  /**
   * The fields for a JSON report.
   *
   * @return {@code max_abs_error}, {@code max_rel_error}, {@code tolerance}, {@code passed} and
   *     the per-output errors, in a stable order
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("directory", directory);
    m.put("probes", probeSource);
    m.put("rows", rows);
    m.put("max_abs_error", maxAbsError());
    m.put("max_rel_error", maxRelError());
    m.put("tolerance", tolerance);
    m.put("passed", passed());
    Map<String, Object> per = new LinkedHashMap<>();
    for (OutputError o : outputs) {
      per.put(o.name(), Map.of("max_abs_error", o.maxAbsError(), "max_rel_error", o.maxRelError()));
    }
    m.put("outputs", per);
    return m;
  }
}
