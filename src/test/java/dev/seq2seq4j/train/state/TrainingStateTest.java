package dev.seq2seq4j.train.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.EpochLogs;
import dev.seq2seq4j.train.optim.OptimizerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training state survives the disk bit for bit, infinities, listener weights and all. */
class TrainingStateTest {
  private static TrainingState state() {
    Weights model = Weights.of(Map.of("dense/kernel", FloatBlock.of(new float[] {1, 2}, 2, 1)));
    Map<String, FloatBlock> opt = new LinkedHashMap<>();
    opt.put("dense/kernel/momentum", FloatBlock.of(new float[] {0.25f, -0.5f}, 2, 1));
    opt.put("beta_1_power", FloatBlock.of(new float[] {0.729f}));
    Map<String, ListenerState> listeners = new LinkedHashMap<>();
    listeners.put("early_stopping(val_loss)", ListenerState.builder()
        .number("best", Double.POSITIVE_INFINITY)
        .integer("wait", 3)
        .weights("best_weights", model)
        .build());
    listeners.put("other", ListenerState.builder().number("x", Double.NaN).build());
    Map<String, Double> e1 = new LinkedHashMap<>();
    e1.put("loss", 0.1 + 0.2); // 0.30000000000000004, which must not become 0.3
    e1.put("accuracy", 1.0 / 3);
    Map<String, Double> e2 = new LinkedHashMap<>();
    e2.put("loss", Math.ulp(1.0));
    e2.put("accuracy", Double.NEGATIVE_INFINITY);
    return new TrainingState(2, false, 126, 1.2345, List.of(new EpochLogs(e1),
        new EpochLogs(e2)), List.of(0xFFFFFFFFL, 7L), 32, true, -9, model,
        new OptimizerState("sgd", 126, opt), listeners,
        Map.of("recipe", "reverse-mlp", "config", Map.of("seed", 1)));
  }

  @Test
  void roundTripIsExact(@TempDir Path tmp) {
    Path dir = tmp.resolve("state");
    state().save(dir);
    TrainingState loaded = TrainingState.load(dir);
    assertEquals(state(), loaded);
    assertEquals(0.1 + 0.2, loaded.history().get(0).get("loss").getAsDouble(), 0.0);
    assertEquals(Double.POSITIVE_INFINITY,
        loaded.listeners().get("early_stopping(val_loss)").number("best"));
    assertTrue(Double.isNaN(loaded.listeners().get("other").number("x")));
  }

  @Test
  void damageAndForeignFoldersAreNamed(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("state");
    state().save(dir);
    byte[] bin = Files.readAllBytes(dir.resolve("state.bin"));
    bin[bin.length - 1] ^= 0x40;
    Files.write(dir.resolve("state.bin"), bin);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrainingState.load(dir));
    assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());

    Path weights = tmp.resolve("weights");
    SavedWeights.save(weights, Weights.empty(), Map.of());
    IllegalArgumentException other =
        assertThrows(IllegalArgumentException.class, () -> TrainingState.load(weights));
    assertTrue(other.getMessage().contains("is not a seq2seq4j-training-state folder"),
        other.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrainingState.checkTarget(weights));
  }
}
