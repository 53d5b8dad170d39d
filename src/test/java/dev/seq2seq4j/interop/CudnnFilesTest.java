package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.testing.Fixtures;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras 2 files holding CuDNNLSTM and CuDNNGRU layers, plain and inside Bidirectional, saved by
 * tf_keras ({@code python-export/cudnn_files.py}), open as the LSTM and GRU that compute the same
 * and match tf_keras's own predictions for those layers with the file's weights, which its
 * loader converted from cuDNN's layout.
 */
class CudnnFilesTest {
  private static final Path DIR = Fixtures.projectRoot().resolve("src/test/resources/cudnn");

  @ParameterizedTest
  @ValueSource(strings = {"cudnn_lstm_gru", "bidirectional_cudnn"})
  void cudnnLayersMatchKeras2sConversion(String stem) {
    Path file = DIR.resolve(stem + ".h5");
    ParityFile parity = ParityFile.readFile(DIR.resolve(stem + ".parity.json"));
    ImportedModel m = ImportedModel.open(file, ImportedModel.withShapesOf(parity, Map.of()));
    ParityReport report = ParityChecker.againstRecorded(stem, parity.probes(), m.model(),
        m.weights(), ParityChecker.DEFAULT_TOLERANCE);
    System.out.printf(Locale.ROOT, "cuDNN file %s: max abs error %.3e%n", stem,
        report.maxAbsError());
    assertTrue(report.passed(), report.format());
  }
}
