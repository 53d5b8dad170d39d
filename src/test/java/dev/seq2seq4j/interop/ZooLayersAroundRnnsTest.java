package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasConfigWriter;
import dev.seq2seq4j.keras.KerasJson;
import dev.seq2seq4j.keras.KerasModel;
import dev.seq2seq4j.keras.KerasTopology;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.WeightSpec;
import dev.seq2seq4j.testing.ForwardRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The zoo models of the layers around RNNs (Conv1D, pooling, normalisation, SpatialDropout1D,
 * Dot, Masking) beyond output parity: their parameter counts are Keras's, their configs written
 * back rebuild the same model, and the masked models whose Keras configs need mask operation
 * nodes compute Keras's outputs once those nodes are replaced by the masks the layers carry.
 */
class ZooLayersAroundRnnsTest {
  /**
   * Keras 3.8's own counts for each model loaded from its {@code .keras} file: {@code
   * count_params()} and the sizes of its trainable weights (the rest are BatchNormalization's
   * moving statistics).
   */
  private static final Map<String, long[]> KERAS_PARAMS = Map.ofEntries(
      Map.entry("conv1d_valid", new long[] {194, 194}),
      Map.entry("conv1d_same_strides", new long[] {160, 160}),
      Map.entry("conv1d_causal_dilation", new long[] {64, 64}),
      Map.entry("pooling", new long[] {128, 128}),
      Map.entry("batch_norm", new long[] {212, 202}),
      Map.entry("layer_norm", new long[] {172, 172}),
      Map.entry("spatial_dropout", new long[] {184, 184}),
      Map.entry("merge_more", new long[] {552, 552}),
      Map.entry("masking_lstm_dense", new long[] {198, 198}),
      Map.entry("masked_simple_rnn_backwards", new long[] {85, 85}));

  static Stream<String> models() {
    return KERAS_PARAMS.keySet().stream().sorted();
  }

  private static Path dir(String name) {
    return SavedModelParityTest.projectRoot().resolve("saved-models/zoo").resolve(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void parameterCountsAreKeras(String name) {
    Model m = ImportedModel.fromSavedModel(dir(name), Map.of()).model();
    long[] keras = KERAS_PARAMS.get(name);
    assertEquals(keras[0], m.parameterCount(), "total");
    assertEquals(keras[1], m.trainableParameterCount(), "trainable");
    String summary = m.summary();
    assertTrue(summary.contains(String.format("Total params: %,d%n", keras[0]))
        && summary.contains(String.format("Non-trainable params: %,d%n", keras[0] - keras[1])),
        summary);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void configWrittenBackRebuildsTheSameModel(String name) {
    ImportedModel imported = ImportedModel.fromSavedModel(dir(name), Map.of());
    Model model = imported.model();
    String text = KerasJson.write(KerasConfigWriter.write(model));
    KerasModel back = KerasTopology.read(
        KerasJson.parse(text.getBytes(StandardCharsets.UTF_8), name), KerasVersion.KERAS_3,
        ImportedModel.withProbeShapes(dir(name), Map.of()));
    assertEquals(model.summary(), back.model().summary());
    assertEquals(shapes(model.weights()), shapes(back.model().weights()));

    Map<String, FloatBlock> probes = ParityFile.read(dir(name)).probes().inputArrays();
    FloatBlock[] inputs = model.inputNames().stream().map(probes::get).toArray(FloatBlock[]::new);
    var a = ForwardRunner.run(model, 1, imported.weights().asMap(), inputs);
    var b = ForwardRunner.run(back.model(), 1, imported.weights().asMap(), inputs);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).data(), b.get(i).data(), 0f, "output " + i);
    }
  }

  private static Map<String, String> shapes(Map<String, WeightSpec> specs) {
    Map<String, String> out = new LinkedHashMap<>();
    specs.forEach((k, v) -> out.put(k, Arrays.toString(v.shape()) + (v.trainable() ? "" : " fixed")));
    return out;
  }

  /**
   * Keras 3 records these models' masks as NotEqual / Any operation nodes passed to the layers
   * as {@code mask} arguments, which the topology reader does not build yet (ZooParityTest
   * expects their refusal). Each of those nodes recomputes exactly the mask the Masking or
   * Embedding(mask_zero) layer before it already carries, so with the nodes dropped and the
   * arguments cleared the native layers see the same masks, and must give Keras's outputs.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"masked_pooling", "masked_lstm_state", "masked_attention"})
  void maskedModelsMatchKerasWithTheMasksTheLayersCarry(String name) throws IOException {
    Path dir = dir(name);
    ObjectNode config = (ObjectNode) new ObjectMapper()
        .readTree(dir.resolve(ParityFile.FILE_NAME).toFile()).get("model_config");
    withoutMaskNodes(config);
    ImportedModel imported = ImportedModel.fromCheckpoint(config,
        dir.resolve("variables").resolve("variables"), ImportedModel.withProbeShapes(dir, Map.of()));
    ParityReport report = ParityChecker.check(dir, SavedModelRunner.DEFAULT_SIGNATURE, imported,
        ParityChecker.DEFAULT_TOLERANCE, 1);
    assertTrue(report.passed(), report.format());
  }

  private static void withoutMaskNodes(ObjectNode config) {
    ArrayNode layers = (ArrayNode) config.path("config").path("layers");
    Iterator<JsonNode> it = layers.iterator();
    while (it.hasNext()) {
      JsonNode layer = it.next();
      if (Set.of("NotEqual", "Any").contains(layer.path("class_name").asText())) {
        it.remove();
        continue;
      }
      for (JsonNode node : layer.path("inbound_nodes")) {
        JsonNode kwargs = node.path("kwargs");
        if (kwargs.has("mask")) {
          ((ObjectNode) kwargs).putNull("mask");
        }
      }
    }
  }
}
