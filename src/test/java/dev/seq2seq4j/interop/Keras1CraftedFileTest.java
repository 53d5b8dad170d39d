package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.testing.Fixtures;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Keras 1 layouts no Deeplearning4j file holds (a GRU's nine per-gate weights, an LSTM saved
 * with {@code consume_less='gpu'}, TimeDistributed(Dense)), in a file laid out as Keras 1.2.2
 * saved models ({@code python-export/keras1_crafted.py}). Its reference outputs are tf_keras's
 * predictions after tf_keras's own Keras 1 loader read the file; Keras 1's equations in float64
 * numpy agree with them to 5.8e-8.
 */
class Keras1CraftedFileTest {
  private static final Path FILE = Fixtures.projectRoot().resolve(
      "src/test/resources/keras1/crafted_gru_lstm_timedistributed_keras_1.h5");

  @Test
  void perGateGruAndFusedLstmMatchKeras1sEquations() {
    ParityFile parity = ParityFile.readFile(FILE.resolveSibling(
        "crafted_gru_lstm_timedistributed_keras_1.parity.json"));
    ImportedModel m = ImportedModel.open(FILE, Map.of());
    assertEquals(1, m.version().major());
    ParityReport report = ParityChecker.againstRecorded(FILE.getFileName().toString(),
        parity.probes(), m.model(), m.weights(), ParityChecker.DEFAULT_TOLERANCE);
    System.out.printf(Locale.ROOT, "crafted Keras 1 file: max abs error %.3e%n",
        report.maxAbsError());
    assertTrue(report.passed(), report.format());
  }
}
