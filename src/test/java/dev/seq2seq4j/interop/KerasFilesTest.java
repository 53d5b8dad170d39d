package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.keras.KerasArchive;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.keras.LegacyH5;
import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.testing.Fixtures;
import dev.seq2seq4j.testing.ForwardRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever Keras file a model was saved in, the native rebuild matches Keras: every {@code
 * .keras}, legacy {@code .h5} and SavedModel under saved-models/ (the tutorial models, the layer
 * zoo, tf_keras 2.18, tf.keras 2.13 and 2.15, and Keras 3.15 files) against the outputs Keras
 * recorded beside it, and the formats of one model give identical Java outputs. Files Java writes
 * read back exactly.
 */
class KerasFilesTest {
  /** Models whose layers are not all built yet; each must be refused by name. */
  private static final Map<String, String> NOT_YET = ZooParityTest.notYet();

  /** Every model file under saved-models/ with the parity.json of its folder. */
  static Stream<Path> modelFiles() throws IOException {
    Path root = Fixtures.projectRoot().resolve("saved-models");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, 3)) {
      walk.filter(p -> {
        String n = p.getFileName().toString();
        return (n.endsWith(".keras") || n.endsWith(".h5") && !n.endsWith(".weights.h5")
            && !n.endsWith("_weights.h5") || n.equals("savedmodel") && Files.isDirectory(p))
            && Files.isRegularFile(p.resolveSibling(ParityFile.FILE_NAME));
      }).sorted().forEach(files::add);
    }
    assertTrue(files.size() >= 120, "found only " + files.size() + " model files");
    return files.stream();
  }

  private static String modelName(Path file) {
    return file.getParent().getFileName().toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modelFiles")
  void everyKerasFileMatchesTheOutputsKerasRecorded(Path file) {
    ParityFile parity = ParityFile.readFile(file.resolveSibling(ParityFile.FILE_NAME));
    if (NOT_YET.containsKey(modelName(file))) {
      UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
          () -> ImportedModel.from(ModelFiles.open(file),
              ImportedModel.withShapesOf(parity, Map.of()), null));
      assertTrue(e.getMessage().contains(NOT_YET.get(modelName(file))), e.getMessage());
      return;
    }
    ImportedModel m = ImportedModel.from(ModelFiles.open(file),
        ImportedModel.withShapesOf(parity, Map.of()), null);
    ParityReport report = ParityChecker.againstRecorded(file.toString(), parity.probes(),
        m.model(), m.weights(), ParityChecker.DEFAULT_TOLERANCE);
    System.out.printf(java.util.Locale.ROOT, "keras file %s (%s, %s): max abs error %.3e%n",
        Fixtures.projectRoot().resolve("saved-models").relativize(file), m.format(), m.version(),
        report.maxAbsError());
    assertTrue(report.passed(), report.format());
  }

  /** The three formats of each tutorial model hold the same weights, so Java computes the same. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.seq2seq4j.interop.SavedModelParityTest#modelDirs")
  void theFormatsOfOneModelGiveIdenticalJavaOutputs(Path dir) {
    String name = dir.getFileName().toString();
    ImportedModel saved = ImportedModel.open(dir, Map.of());
    ImportedModel keras = ImportedModel.open(dir.resolve(name + ".keras"), Map.of());
    ImportedModel h5 = ImportedModel.open(dir.resolve(name + ".h5"), Map.of());
    assertEquals(saved.weights(), keras.weights());
    assertEquals(saved.weights(), h5.weights());
    assertEquals(saved.model().summary().replace(saved.model().name(), "M"),
        keras.model().summary().replace(keras.model().name(), "M"));
    FloatBlock[] in = probes(dir, saved.model());
    List<FloatBlock> a = ForwardRunner.run(saved.model(), 1, saved.weights().asMap(), in);
    List<FloatBlock> b = ForwardRunner.run(keras.model(), 1, keras.weights().asMap(), in);
    List<FloatBlock> c = ForwardRunner.run(h5.model(), 1, h5.weights().asMap(), in);
    assertArrayEquals(a.get(0).data(), b.get(0).data(), 0f);
    assertArrayEquals(a.get(0).data(), c.get(0).data(), 0f);
  }

  private static FloatBlock[] probes(Path dir, Model model) {
    Map<String, FloatBlock> p = ParityFile.read(dir).probes().inputArrays();
    FloatBlock[] in = new FloatBlock[model.inputs().size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = p.get(model.inputNames().get(i));
    }
    return in;
  }

  /** Java writes .keras and .h5 that read back as the same model with the same weights. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.seq2seq4j.interop.SavedModelParityTest#modelDirs")
  void javaWrittenFilesReadBackExactly(Path dir, @TempDir Path tmp) {
    ImportedModel m = ImportedModel.open(dir, Map.of());
    Path k = tmp.resolve("m.keras");
    Path h = tmp.resolve("m.h5");
    KerasArchive.write(k, m.model(), m.weights());
    LegacyH5.write(h, m.model(), m.weights());
    for (Path f : List.of(k, h)) {
      ImportedModel back = ImportedModel.open(f, Map.of());
      assertEquals(m.model().summary(), back.model().summary());
      assertEquals(m.weights(), back.weights());
    }
  }

  /** Weights alone load onto a model built in Java, by Keras's own rules. */
  @Test
  void bareWeightsFilesLoadOntoAJavaModel() {
    Path dir = Fixtures.projectRoot().resolve("saved-models/keras2/lstm");
    ImportedModel full = ImportedModel.open(dir.resolve("lstm.h5"), Map.of());
    Weights legacy = ImportedModel.weightsFor(full.model(), dir.resolve("lstm_weights.h5"));
    assertEquals(full.weights(), legacy);
    Path latest = Fixtures.projectRoot().resolve("saved-models/keras-latest/lstm");
    ImportedModel k3 = ImportedModel.open(latest.resolve("lstm.keras"), Map.of());
    Path weightsOnly = Fixtures.projectRoot().resolve("src/test/resources/keras/lstm_seq2seq.weights.h5");
    ImportedModel fixture = ImportedModel.open(weightsOnly.resolveSibling("lstm_seq2seq.keras"),
        Map.of());
    assertEquals(fixture.weights(), ImportedModel.weightsFor(fixture.model(), weightsOnly));
    assertTrue(k3.weights().size() > 0);
  }

  @Test
  void weightsOnlyFilesNeedAModel() {
    Path file = Fixtures.projectRoot().resolve("saved-models/keras2/lstm/lstm_weights.h5");
    UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
        () -> ImportedModel.open(file, Map.of()));
    assertTrue(e.getMessage().contains("carries no Keras model config"), e.getMessage());
  }

  @Test
  void badFilesAreNamedErrors(@TempDir Path tmp) throws IOException {
    Path notHdf5 = tmp.resolve("model.h5");
    Files.writeString(notHdf5, "not a model");
    RuntimeException e = assertThrows(RuntimeException.class, () -> ModelFiles.open(notHdf5));
    assertTrue(e.getMessage().contains(notHdf5.toString()), e.getMessage());

    Path source = Fixtures.projectRoot().resolve(
        "saved-models/reverse-return-state/reverse-return-state.keras");
    byte[] bytes = Files.readAllBytes(source);
    Path truncated = tmp.resolve("cut.keras");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    KerasFileException t = assertThrows(KerasFileException.class,
        () -> ImportedModel.open(truncated, Map.of()));
    assertTrue(t.getMessage().contains("cut.keras"), t.getMessage());

    // A weight of the wrong shape is an error naming it, never a silent mismatch.
    ImportedModel m = ImportedModel.open(source, Map.of());
    Map<String, FloatBlock> wrong = new java.util.LinkedHashMap<>(m.weights().asMap());
    Model other = dev.seq2seq4j.tutorials.TutorialModels.reverseReturnState(4, 10, 8);
    Path mismatched = tmp.resolve("other.keras");
    KerasArchive.write(mismatched, other, dev.seq2seq4j.nn.ModelGraph.initialWeights(other, 1));
    KerasFileException s = assertThrows(KerasFileException.class,
        () -> ModelFiles.open(mismatched).readWeights(m.model(),
            dev.seq2seq4j.keras.KerasLayout.of(m.model())));
    assertTrue(s.getMessage().contains("has shape"), s.getMessage());
    assertTrue(wrong.size() > 0);
  }

  /** The fixture's own HDF5 file holds the weights too: they equal its TF checkpoint's. */
  @Test
  void fixtureHdf5WeightsEqualItsCheckpoint() {
    Path dir = Fixtures.additionEncoderDecoder();
    Map<String, long[]> shapes = Map.of("Encoder_Input", new long[] {6, 14},
        "Decoder_Input", new long[] {5, 14});
    ImportedModel h5 = ImportedModel.open(dir.resolve("saved_models/v1.h5"), shapes);
    ImportedModel ckpt = ImportedModel.fromCheckpoint(
        dev.seq2seq4j.interop.KerasConfigSource.fromFile(dir.resolve("saved_models/v1.h5")),
        dir.resolve("weights/v1.weights"), shapes);
    assertEquals(ckpt.weights(), h5.weights());
  }
}
