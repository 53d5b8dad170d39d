package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.state.SavedWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --model DIR} on saved weights that are damaged or whose metadata does not
 * describe a valid recipe run: one {@code error:} line each, never a native failure.
 */
class SavedWeightsCliTest {
  @Test
  void damagedSavedWeightsAreOneErrorLine(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("mlp");
    CliRunner.Outcome trained = CliRunner.run("train", "addition-mlp", "--epochs", "1",
        "--save", dir.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Weights ok = SavedWeights.load(dir).weights();
    Path bin = dir.resolve("weights.bin");
    byte[] bytes = Files.readAllBytes(bin);
    bytes[bytes.length - 1] ^= 0x10;
    Files.write(bin, bytes);
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--model", dir.toString(), "1+2"),
        "does not match its checksum");

    // Metadata that does not describe a valid recipe run, with the checksums intact.
    Map<String, Object> mlp = Map.of("seed", 1, "epochs", 1, "batch", 2, "samples", 100,
        "largest", 100, "terms", 2);
    assertForged(tmp, ok, Map.of("recipe", "addition-quantum", "config", mlp),
        "unknown recipe 'addition-quantum'");
    Map<String, Object> withLength = new HashMap<>(mlp);
    withLength.put("length", 4);
    assertForged(tmp, ok, Map.of("recipe", "addition-mlp", "config", withLength),
        "the recipe has no 'length'");
    Map<String, Object> fractional = new HashMap<>(mlp);
    fractional.put("batch", 2.5);
    assertForged(tmp, ok, Map.of("recipe", "addition-mlp", "config", fractional),
        "setting 'batch' is not a whole number");
    assertForged(tmp, ok, Map.of("recipe", "addition-lstm", "config", Map.of("seed", 1,
        "epochs", 1, "batch", 2, "samples", 100, "largest", 100, "terms", 2, "units", 10)),
        "does not fit recipe addition-lstm");
  }

  private static void assertForged(Path tmp, Weights weights, Map<String, Object> metadata,
      String fragment) {
    Path forged = tmp.resolve("forged");
    SavedWeights.save(forged, weights, metadata);
    CliRunner.assertOneErrorLine(CliRunner.run("predict", "--model", forged.toString(), "1+2"), fragment);
  }

}
