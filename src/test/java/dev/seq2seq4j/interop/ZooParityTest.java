package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layer zoo: one small Keras 3.8 model per layer and option, exported by
 * python-export/layer_zoo.py with Keras's own outputs on seeded probes. Each SavedModel is rebuilt
 * natively from its config and weights and must match the SavedModel's signature on those
 * probes to 1e-5; models whose layers are not built yet must be refused by name.
 */
class ZooParityTest {
  /** Zoo models refused today, with the layer the refusal must name. */
  private static final Map<String, String> NOT_YET = Map.ofEntries(
      Map.entry("masked_attention", "NotEqual"),
      Map.entry("masked_lstm_state", "NotEqual"),
      Map.entry("masked_pooling", "NotEqual"));

  static Stream<Path> zoo() throws IOException {
    Path root = SavedModelParityTest.projectRoot().resolve("saved-models/zoo");
    try (Stream<Path> dirs = Files.list(root)) {
      List<Path> models = dirs.filter(d -> Files.isRegularFile(d.resolve("saved_model.pb")))
          .sorted().toList();
      assertTrue(models.size() >= 40, "the zoo has only " + models.size() + " SavedModels");
      return models.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("zoo")
  void nativeRebuildMatchesKeras(Path dir) {
    String name = dir.getFileName().toString();
    if (NOT_YET.containsKey(name)) {
      UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
          () -> ImportedModel.fromSavedModel(dir, Map.of()));
      assertTrue(e.getMessage().contains(NOT_YET.get(name)), e.getMessage());
      return;
    }
    ImportedModel imported = ImportedModel.fromSavedModel(dir, Map.of());
    ParityReport report = ParityChecker.check(dir, SavedModelRunner.DEFAULT_SIGNATURE, imported,
        ParityChecker.DEFAULT_TOLERANCE, 1);
    assertEquals("parity.json probes", report.probeSource());
    assertTrue(report.passed(), report.format());
  }
}
