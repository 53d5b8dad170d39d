package dev.seq2seq4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keras's side of the benchmark: runs {@code python-export/bench_keras.py} with a spec of the
 * workloads (each model as its Keras config, written from the Java model, so both sides train
 * the same architecture) and reads back its measurements. Runs after the Java measurements,
 * never beside them.
 */
public final class KerasBench {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private KerasBench() {}

  /**
   * What the Keras run gave.
   *
   * @param result the script's JSON, or null if it did not run
   * @param note why it did not run, or an empty string
   */
  public record Outcome(JsonNode result, String note) {
    /**
     * Whether Keras figures are available.
     *
     * @return true if the script ran and wrote its results
     */
    public boolean ran() {
      return result != null;
    }
  }

  /**
   * Runs the script.
   *
   * @param python the venv's interpreter
   * @param script {@code bench_keras.py}
   * @param spec the workloads
   * @param log where the script's own output goes
   * @param timeoutMinutes how long to wait
   * @return the results, or why there are none
   */
  public static Outcome run(Path python, Path script, ObjectNode spec, Path log,
      long timeoutMinutes) {
    if (!Files.isRegularFile(script)) {
      return new Outcome(null, "no Keras script at " + script);
    }
    try {
      Path specFile = Files.createTempFile("bench-keras-spec", ".json");
      Path outFile = Files.createTempFile("bench-keras-out", ".json");
      try {
        MAPPER.writeValue(specFile.toFile(), spec);
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(),
            "--spec", specFile.toString(), "--out", outFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        pb.environment().put("CUDA_VISIBLE_DEVICES", "-1");
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process p = pb.start();
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          return new Outcome(null, "the Keras run took longer than " + timeoutMinutes
              + " minutes (log: " + log + ")");
        }
        if (p.exitValue() != 0 || Files.size(outFile) == 0) {
          return new Outcome(null, "the Keras run failed with exit code " + p.exitValue()
              + " (log: " + log + ")");
        }
        return new Outcome(MAPPER.readTree(outFile.toFile()), "");
      } finally {
        Files.deleteIfExists(specFile);
        Files.deleteIfExists(outFile);
      }
    } catch (IOException e) {
      return new Outcome(null, "could not run the Keras script: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, "interrupted while waiting for the Keras run");
    }
  }
}
