package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.data.ReversedSequenceProblem;
import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityFileWriter;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.interop.savedmodel.SavedModelExporter;
import dev.seq2seq4j.interop.savedmodel.SavedModelInspector;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.interop.savedmodel.SignatureInfo;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.FitOptions;
import dev.seq2seq4j.train.Losses;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java-trained model exported as a SavedModel computes what it computed in memory. */
class SavedModelExporterTest {
  @Test
  void exportedModelReloadsWithTheSameOutputs(@TempDir Path tmp) {
    Model model = TutorialModels.reverseReturnState(4, 10, 16);
    Dataset data = ReversedSequenceProblem.DEFAULT.generate(64, 3);
    FloatBlock expected;
    Weights weights;
    try (CompiledModel cm =
        CompiledModel.compile(model, CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      cm.fit(data, FitOptions.builder().epochs(2).build());
      expected = cm.predict(data.x());
      weights = cm.weights();
    }
    Path dir = tmp.resolve("exported");
    SavedModelExporter.export(model, weights, dir);
    assertTrue(Files.isRegularFile(dir.resolve("saved_model.pb")));
    // Java's own exports pass the same file checks as Python's.
    assertTrue(SavedModelInspector.validate(dir).checkpoint().entries().size() >= weights.size());

    try (SavedModelRunner runner = SavedModelRunner.open(dir)) {
      SignatureInfo sig = runner.signature(SavedModelRunner.DEFAULT_SIGNATURE);
      assertEquals(List.of("input"), sig.inputNames());
      assertEquals(List.of("output_0"), sig.outputNames());
      FloatBlock x = data.x();
      FloatBlock out = runner.run(Map.of("input", FloatBlock.wrap(x.data(), x.shape()))).get("output_0");
      assertArrayEquals(expected.shape(), out.shape());
      assertArrayEquals(expected.data(), out.data(), 0f);
    }
  }

  @Test
  void parityFileRecordsWhatTheInMemoryModelComputes(@TempDir Path tmp) {
    Model model = TutorialModels.reverseReturnSequencesState(4, 10, 16);
    Path dir = tmp.resolve("exported");
    try (CompiledModel cm =
        CompiledModel.compile(model, CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      SavedModelExporter.export(model, cm.weights(), dir);
      ParityFileWriter.write(dir, "reverse-return-sequences-state", 1, model,
          new ParityFile.Training(2.3, null, null, 0, 0.0, null, null, null, null));
      ParityFile parity = ParityFile.read(dir);
      assertEquals("reverse-return-sequences-state", parity.recipe());
      assertEquals(6 + 2, parity.weights().size());
      FloatBlock in = parity.probes().inputArrays().get("input");
      assertArrayEquals(new long[] {ParityFileWriter.PROBE_ROWS, 4, 10}, in.shape());
      FloatBlock expected = cm.predict(FloatBlock.of(in.data(), in.shape()));
      FloatBlock recorded = parity.probes().outputArrays().get("output_0");
      assertArrayEquals(expected.data(), recorded.data(), 0f);
    }
  }

  @Test
  void javaExportsRebuildNativelyFromTheirOwnKerasConfig(@TempDir Path tmp) {
    Model model = TutorialModels.reverseReturnState(4, 10, 16);
    Path dir = tmp.resolve("exported");
    try (CompiledModel cm =
        CompiledModel.compile(model, CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      SavedModelExporter.export(model, cm.weights(), dir);
      ParityFileWriter.write(dir, "reverse-return-state", 1, model,
          new ParityFile.Training(2.3, null, null, 0, 0.0, null, null, null, null));
      ImportedModel imported = ImportedModel.fromSavedModel(dir, Map.of());
      assertEquals(model.summary(), imported.model().summary());
      assertEquals(cm.weights(), imported.weights());
      ParityReport report = ParityChecker.check(dir, SavedModelRunner.DEFAULT_SIGNATURE, imported.model(), imported.weights(),
          ParityChecker.DEFAULT_TOLERANCE, 1);
      assertTrue(report.passed(), report.format());
      assertEquals(0.0, report.maxAbsError());
    }
  }

  @Test
  void refusesANonEmptyFolderAndMismatchedWeights(@TempDir Path tmp) throws Exception {
    Model model = TutorialModels.reverseLstmDefault(4, 10, 16);
    Files.writeString(tmp.resolve("keep.txt"), "x");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SavedModelExporter.export(model, Weights.empty(), tmp));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    IllegalArgumentException w =
        assertThrows(
            IllegalArgumentException.class,
            () -> SavedModelExporter.export(model, Weights.empty(), tmp.resolve("new")));
    assertTrue(w.getMessage().contains("lstm/cell/kernel"), w.getMessage());
  }
}
