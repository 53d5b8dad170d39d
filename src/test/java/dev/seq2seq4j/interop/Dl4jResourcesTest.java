package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import dev.seq2seq4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Deeplearning4j's own Keras test files (LSTM, SimpleRNN, Bidirectional, Embedding, masking;
 * Keras 1.2.2, 2.0.x to 2.2.4-tf, TensorFlow and Theano backends; see
 * src/test/resources/dl4j/NOTICE) open through seq2seq4j's one door and compute what Keras
 * computed, to 1e-5: against the predictions the saving Keras recorded where DL4J kept them,
 * otherwise against tf_keras's predictions written beside the file. A file may instead be
 * refused, but only by name and only where listed below; none is skipped.
 */
class Dl4jResourcesTest {
  private static final Path ROOT = Fixtures.projectRoot().resolve("src/test/resources/dl4j");

  /** Files refused on purpose, with words their one-line message must hold. */
  private static final Map<String, String> REFUSED = Map.of();

  /** Counts measured when the files were committed; a change must be explained. */
  private static final int MODEL_FILES = 90;
  private static final int KERAS_RECORDED = 5;

  private record Outcome(Path file, String line, boolean matched, boolean refused, double error,
      boolean recordedByKeras) {}

  /** Every model file: not DL4J's recorded inputs and outputs, not weights alone. */
  static List<Path> modelFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".h5") && !n.endsWith("_inputs_and_outputs.h5")
            && !n.endsWith("_weights.h5");
      }).sorted().toList();
    }
  }

  @Test
  void everyDl4jFileMatchesKerasOrIsRefusedByName() throws IOException {
    List<Path> files = modelFiles();
    List<Outcome> outcomes = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      Outcome o = check(file, failures);
      outcomes.add(o);
      System.out.println(o.line());
    }
    long matched = outcomes.stream().filter(Outcome::matched).count();
    long refused = outcomes.stream().filter(Outcome::refused).count();
    long recorded = outcomes.stream().filter(o -> o.matched() && o.recordedByKeras()).count();
    double worst = outcomes.stream().filter(Outcome::matched).mapToDouble(Outcome::error).max()
        .orElse(0);
    System.out.printf(Locale.ROOT, "dl4j: %d files, %d match at 1e-5 (%d against predictions the "
        + "saving Keras recorded; largest abs error %.3e), %d refused by name%n", files.size(),
        matched, recorded, worst, refused);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertEquals(MODEL_FILES, files.size(), "model files under " + ROOT);
    assertEquals(REFUSED.size(), refused, "refused files");
    assertEquals(MODEL_FILES - REFUSED.size(), matched, "files matching Keras");
    assertEquals(KERAS_RECORDED, recorded, "files checked against Keras's recorded predictions");
  }

  private static Outcome check(Path file, List<String> failures) {
    String rel = ROOT.relativize(file).toString();
    Optional<Dl4jReference> ref = Dl4jReference.of(file);
    if (ref.isEmpty()) {
      failures.add(rel + ": no reference (neither recorded predictions nor a parity.json)");
      return new Outcome(file, "dl4j " + rel + ": NO REFERENCE", false, false, 0, false);
    }
    boolean byKeras = !ref.get().kind().startsWith("tf_keras");
    // DL4J named the recorded inputs itself, and their shapes are fixed; tf_keras's probes carry
    // Keras's input names and fill in open timesteps.
    Map<String, long[]> shapes = byKeras ? Map.of()
        : ImportedModel.withShapesOf(ref.get().asParityFile(), Map.of());
    ImportedModel m;
    try {
      m = ImportedModel.from(ModelFiles.open(file), shapes, null);
    } catch (UnsupportedKerasFeatureException | KerasFileException e) {
      String message = e.getMessage();
      String expected = REFUSED.get(rel);
      if (expected == null || !message.contains(expected)) {
        failures.add(rel + ": refused unexpectedly: " + message);
      }
      if (message.contains("\n")) {
        failures.add(rel + ": the refusal is not one line");
      }
      return new Outcome(file, "dl4j " + rel + ": refused: " + message, false, true, 0, byKeras);
    }
    if (REFUSED.containsKey(rel)) {
      failures.add(rel + ": expected a refusal, but it opened");
    }
    ParityReport report = ParityChecker.againstRecorded(rel, ref.get().probes(), m.model(),
        m.weights(), ParityChecker.DEFAULT_TOLERANCE);
    if (!report.passed()) {
      failures.add(report.format());
    }
    String line = String.format(Locale.ROOT, "dl4j %s (%s, %s, against %s): max abs error %.3e",
        rel, m.format(), m.version(), ref.get().kind(), report.maxAbsError());
    return new Outcome(file, line, report.passed(), false, report.maxAbsError(), byKeras);
  }

  /** DL4J's save_weights files hold exactly the weights of the model files beside them. */
  @Test
  void weightsOnlyFilesLoadOntoTheirModels() throws IOException {
    List<Path> weightFiles;
    try (Stream<Path> walk = Files.walk(ROOT)) {
      weightFiles = walk.filter(p -> p.getFileName().toString().endsWith("_weights.h5"))
          .sorted().toList();
    }
    assertFalse(weightFiles.isEmpty());
    for (Path w : weightFiles) {
      String n = w.getFileName().toString();
      Path model = w.resolveSibling(n.replace("_weights.h5", "_model.h5"));
      ImportedModel m = ImportedModel.open(model, Map.of());
      assertEquals(m.weights(), ImportedModel.weightsFor(m.model(), w), n);
    }
  }

  /** A reference-less file fails the check above rather than passing unseen. */
  @Test
  void aFileWithoutReferenceIsADefect() {
    Path lone = ROOT.resolve("examples/simple_lstm/simple_lstm_tf_keras_1_weights.h5");
    assertTrue(Dl4jReference.of(lone).isEmpty());
    List<String> failures = new ArrayList<>();
    Outcome o = check(lone, failures);
    assertFalse(o.matched());
    if (failures.isEmpty()) {
      fail("a file without reference passed");
    }
  }
}
