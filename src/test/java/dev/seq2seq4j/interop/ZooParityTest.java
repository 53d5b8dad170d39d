package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.keras.KerasConfigWriter;
import dev.seq2seq4j.keras.KerasJson;
import dev.seq2seq4j.keras.KerasModel;
import dev.seq2seq4j.keras.KerasTopology;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.testing.Fixtures;
import dev.seq2seq4j.testing.ForwardRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  /**
   * Zoo models refused today, with the layer the refusal must name: none, every zoo layer is
   * built; a model added before its layer goes here.
   */
  private static final Map<String, String> NOT_YET = Map.of();

  /** Zoo files that must always be refused: they hold code or state seq2seq4j never runs. */
  private static final Map<String, String> REFUSED = Map.of(
      "refuse_lambda", "Lambda",
      "refuse_stateful", "stateful");

  /**
   * The zoo models that are not imported, with the layer or option each refusal must name.
   *
   * @return model name to the name the refusal gives
   */
  static Map<String, String> notYet() {
    Map<String, String> all = new java.util.LinkedHashMap<>(NOT_YET);
    all.putAll(REFUSED);
    return all;
  }

  static Stream<Path> zoo() throws IOException {
    Path root = Fixtures.projectRoot().resolve("saved-models/zoo");
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
    ParityReport report = ParityChecker.check(dir, SavedModelRunner.DEFAULT_SIGNATURE, imported.model(), imported.weights(),
        ParityChecker.DEFAULT_TOLERANCE, 1);
    assertEquals("parity.json probes", report.probeSource());
    System.out.printf(java.util.Locale.ROOT, "zoo %s: max abs error %.3e%n", name,
        report.maxAbsError());
    assertTrue(report.passed(), report.format());
  }

  /**
   * Each importable zoo model written back as a Keras 3 config reads again as the same model:
   * same summary, same weights, same outputs on the zoo's probes.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("zoo")
  void configWrittenBackRebuildsTheSameModel(Path dir) {
    if (NOT_YET.containsKey(dir.getFileName().toString())) {
      return;
    }
    ImportedModel imported = ImportedModel.fromSavedModel(dir, Map.of());
    Model model = imported.model();
    Map<String, long[]> shapes = new java.util.LinkedHashMap<>();
    model.inputs().forEach(t -> shapes.put(t.producer().layer().name(), t.shape()));
    String json = KerasJson.write(KerasConfigWriter.write(model));
    KerasModel back = KerasTopology.read(
        KerasJson.parse(json.getBytes(StandardCharsets.UTF_8), "config"), KerasVersion.KERAS_3,
        shapes);
    assertEquals(model.summary(), back.model().summary());
    assertEquals(model.weights().keySet(), back.model().weights().keySet());
    Map<String, FloatBlock> probes = ParityFile.read(dir).probes().inputArrays();
    FloatBlock[] in = new FloatBlock[model.inputs().size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = probes.get(model.inputNames().get(i));
    }
    List<FloatBlock> a = ForwardRunner.run(model, 1, imported.weights().asMap(), in);
    List<FloatBlock> b = ForwardRunner.run(back.model(), 1, imported.weights().asMap(), in);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).data(), b.get(i).data(), 0f);
    }
  }
}
