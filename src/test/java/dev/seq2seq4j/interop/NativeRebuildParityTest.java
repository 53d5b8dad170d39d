package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Native rebuilds (config + checkpoint -> Java model) compute what the SavedModel computes: for
 * every Python-trained model in saved-models/ on its parity probes, and for the Keras 2 / TF 2.6
 * fixture on seeded random inputs.
 */
class NativeRebuildParityTest {
  @TestFactory
  Stream<DynamicTest> everySavedModelRebuildsWithinTolerance() throws Exception {
    List<Path> dirs = SavedModelParityTest.modelDirs();
    assertTrue(dirs.size() >= 9, "expected the nine tutorial models, found " + dirs);
    return dirs.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
          ImportedModel imported = ImportedModel.fromSavedModel(dir, Map.of());
          ParityReport report = ParityChecker.check(
              dir, SavedModelRunner.DEFAULT_SIGNATURE, imported.model(), imported.weights(), ParityChecker.DEFAULT_TOLERANCE, 1);
          assertEquals("parity.json probes", report.probeSource());
          assertTrue(report.passed(), report.format());
        }));
  }

  @Test
  void keras2SavedModelFromTf26RebuildsWithinTolerance() {
    Path dir = Fixtures.stockLstm();
    ImportedModel imported = ImportedModel.fromSavedModel(dir, Map.of());
    assertEquals(List.of("input_6"), imported.model().inputNames());
    assertEquals(
        List.of("lstm_5/cell/kernel", "lstm_5/cell/recurrent_kernel", "lstm_5/cell/bias", "dense_15/kernel",
            "dense_15/bias", "dense_16/kernel", "dense_16/bias", "dense_17/kernel", "dense_17/bias"),
        List.copyOf(imported.weights().names()));
    ParityReport report = ParityChecker.check(
        dir, SavedModelRunner.DEFAULT_SIGNATURE, imported.model(), imported.weights(), ParityChecker.DEFAULT_TOLERANCE, 7);
    assertTrue(report.probeSource().startsWith("seeded random"), report.probeSource());
    assertTrue(report.passed(), report.format());
  }
}
