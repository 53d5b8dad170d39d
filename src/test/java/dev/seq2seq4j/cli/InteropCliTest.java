package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect, parity and predict --savedmodel, including every kind of bad input. */
class InteropCliTest {
  private static final Path MODEL =
      Path.of(System.getProperty("basedir", ".")).resolve("saved-models/reverse-return-state");

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  @Test
  void inspectDescribesAKeras3Export() {
    CliRunner.Outcome o = CliRunner.run("inspect", MODEL.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("written by TensorFlow 2.18.0; Keras 3 export"), o.out());
    assertTrue(o.out().contains("input  input FLOAT [None, 4, 10]"), o.out());
    assertTrue(o.out().contains("output output_0 FLOAT [None, 4, 10]"), o.out());
    assertTrue(o.out().matches("(?s).*lstm/lstm_cell/kernel\\s+FLOAT\\s+\\[10, 64].*"), o.out());
  }

  @Test
  void parityPassesWithJsonLastLine() throws Exception {
    CliRunner.Outcome o = CliRunner.run("parity", MODEL.toString(), "--json");
    assertEquals(0, o.exitCode(), o.err());
    String[] lines = o.out().strip().split("\\R");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertTrue(json.get("passed").asBoolean());
    assertEquals(1e-5, json.get("tolerance").asDouble());
    assertTrue(json.get("max_abs_error").asDouble() <= 1e-5);
    assertTrue(json.has("max_rel_error"));
  }

  @Test
  void parityFailsBeyondAnImpossibleTolerance() {
    // The SavedModel and the rebuild sum in different orders: not bit-identical here.
    CliRunner.Outcome o = CliRunner.run("parity", MODEL.toString(), "--tolerance", "0");
    assertEquals(1, o.exitCode(), o.out());
    assertTrue(o.out().contains("parity FAILED"), o.out());
  }

  @Test
  void predictRunsASavedModelOnNumbers() {
    String sample = "1 0 0 0 0 0 0 0 0 0  0 1 0 0 0 0 0 0 0 0  0 0 1 0 0 0 0 0 0 0  0 0 0 1 0 0 0 0 0 0";
    CliRunner.Outcome o = CliRunner.run("predict", "--savedmodel", MODEL.toString(), sample);
    assertEquals(0, o.exitCode(), o.err());
    // One sample in, its [4, 10] output back; the model reverses 0 1 2 3 into 3 2 1 0.
    assertTrue(o.out().startsWith("{\"output_0\":[["), o.out());
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--savedmodel", MODEL.toString(), "1 2 3"),
        "takes 40 values per sample");
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--savedmodel", MODEL.toString(),
        "--signature", "nope", sample), "nope");
  }

  @Test
  void missingFolderAndNonSavedModel(@TempDir Path tmp) {
    CliRunner.assertOneErrorLine(CliRunner.run("inspect", tmp.resolve("missing").toString()), "not found");
    CliRunner.assertOneErrorLine(CliRunner.run("parity", tmp.resolve("missing").toString()), "not found");
    CliRunner.assertOneErrorLine(CliRunner.run("inspect", tmp.toString()), "no saved_model.pb");
    CliRunner.assertOneErrorLine(CliRunner.run("parity", tmp.toString()), "saved_model.pb");
  }

  @Test
  void corruptSavedModelPb(@TempDir Path tmp) throws Exception {
    Path dir = copy(MODEL, tmp.resolve("m"));
    Files.write(dir.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    CliRunner.assertOneErrorLine(CliRunner.run("inspect", dir.toString()), "saved_model.pb");
    CliRunner.assertOneErrorLine(CliRunner.run("parity", dir.toString()), "saved_model.pb");
  }

  @Test
  void truncatedVariablesFile(@TempDir Path tmp) throws Exception {
    Path dir = copy(MODEL, tmp.resolve("m"));
    Path data = dir.resolve("variables/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 10));
    CliRunner.Outcome o = CliRunner.run("parity", dir.toString());
    CliRunner.assertOneErrorLine(o, "variables.data-00000-of-00001 is truncated");
    // Every command checks the files in Java before TensorFlow loads the folder.
    CliRunner.assertOneErrorLine(CliRunner.run("inspect", dir.toString()), "is truncated");
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--savedmodel", dir.toString(), "1"), "is truncated");
  }

  @Test
  void corruptOrMissingVariables(@TempDir Path tmp) throws Exception {
    Path dir = copy(MODEL, tmp.resolve("m"));
    Path data = dir.resolve("variables/variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    for (int i = 0; i < bytes.length; i += 97) {
      bytes[i] ^= 0x5a;
    }
    Files.write(data, bytes);
    CliRunner.assertOneErrorLine(CliRunner.run("parity", dir.toString()), "do not match their checksum");
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--savedmodel", dir.toString(), "1"),
        "do not match their checksum");

    Files.delete(dir.resolve("variables/variables.index"));
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--savedmodel", dir.toString(), "1"),
        "no variables/variables.index");
  }

  /** The Keras 2 / TensorFlow 2.6 SavedModel beside the project; skipped where it is absent. */
  private static Path stockLstmFixture() {
    String override = System.getProperty("seq2seq4j.fixtures");
    Path root = override != null ? Path.of(override)
        : MODEL.toAbsolutePath().getParent().getParent().resolve("../shared/fixtures/python-keras").normalize();
    Path dir = root.resolve("stock-lstm-savedmodel-tf2.6");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir),
        "skipped: the Python Keras fixtures are not at " + root + " (set -Dseq2seq4j.fixtures)");
    return dir;
  }

  @Test
  void keras2SavedModelFromTf26InspectsAndPasses() throws Exception {
    Path dir = stockLstmFixture();
    CliRunner.Outcome o = CliRunner.run("inspect", dir.toString());
    assertEquals(0, o.exitCode(), o.err());
    // Facts from the fixture's README: writer, format, signature, variable names and shapes.
    assertTrue(o.out().contains("written by TensorFlow 2.6.0; Keras 2 SavedModel"), o.out());
    assertTrue(o.out().contains("input  input_6 FLOAT [None, 5, 1]"), o.out());
    assertTrue(o.out().contains("output dense_17 FLOAT [None, 1]"), o.out());
    assertTrue(o.out().matches("(?s).*lstm_5/lstm_cell_5/kernel\\s+FLOAT\\s+\\[1, 256].*"), o.out());

    o = CliRunner.run("parity", dir.toString(), "--json");
    assertEquals(0, o.exitCode(), o.out() + o.err());
    String[] lines = o.out().strip().split("\\R");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertTrue(json.get("passed").asBoolean(), o.out());
    assertTrue(json.get("max_abs_error").asDouble() <= 1e-5, o.out());
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--savedmodel", dir.toString(), "--signature",
        "serve", "1 2 3 4 5"), "available signatures: [serving_default]");
  }

  @Test
  void inspectReportsTheVerifiedCheckpoint() {
    CliRunner.Outcome o = CliRunner.run("inspect", MODEL.toString());
    assertTrue(o.out().contains("sizes and checksums OK"), o.out());
  }

  @Test
  void unknownSignatureName() {
    CliRunner.assertOneErrorLine(CliRunner.run("parity", MODEL.toString(), "--signature", "nope"), "nope");
  }

  @Test
  void unsupportedLayerIsNamed(@TempDir Path tmp) throws Exception {
    Path dir = copy(MODEL, tmp.resolve("m"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode parity = (ObjectNode) json.readTree(dir.resolve("parity.json").toFile());
    ObjectNode layer = (ObjectNode) parity.at("/model_config/config/layers/1");
    layer.put("class_name", "Conv2D");
    json.writeValue(dir.resolve("parity.json").toFile(), parity);
    CliRunner.assertOneErrorLine(CliRunner.run("parity", dir.toString()), "unsupported Keras layer Conv2D 'lstm'");
  }
}
