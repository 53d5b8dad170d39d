package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.keras.KerasTopology;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import dev.seq2seq4j.nn.Dropout;
import dev.seq2seq4j.testing.Fixtures;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Losses;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Keras configs with layers or options the native rebuild cannot honour are refused by name;
 * Dropout, a real layer that is the identity at inference, is rebuilt in Keras 3 functional,
 * Keras 2 Sequential and Keras 2 functional wiring without changing what the model computes.
 */
class KerasModelBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Keras 3 functional: Input -> LSTM(return_state) -> RepeatVector -> LSTM -> TimeDistributed. */
  private static final Path FUNCTIONAL =
      Fixtures.projectRoot().resolve("saved-models/reverse-return-state");

  private static ObjectNode functionalConfig() {
    return (ObjectNode) ParityFile.read(FUNCTIONAL).modelConfig().deepCopy();
  }

  /** The config with one change made to the layer named {@code layer}'s config. */
  private static ObjectNode withLayerChange(String layer, Consumer<ObjectNode> change) {
    ObjectNode config = functionalConfig();
    for (JsonNode l : config.path("config").path("layers")) {
      if (l.path("name").asText().equals(layer)) {
        change.accept((ObjectNode) l);
        return config;
      }
    }
    throw new AssertionError("no layer " + layer);
  }

  private static String refusal(JsonNode config) {
    return assertThrows(UnsupportedKerasFeatureException.class,
        () -> KerasTopology.read(config, KerasVersion.ofConfig(config), Map.of())).getMessage();
  }

  @Test
  void unsupportedLayersAndOptionsAreRefusedByName() {
    assertTrue(refusal(withLayerChange("lstm", l -> ((ObjectNode) l.get("config"))
            .put("activation", "swoosh")))
        .startsWith("LSTM 'lstm': activation 'swoosh' is not supported; supported: linear, relu"));
    assertEquals("LSTM 'lstm' is stateful, which is not supported (rebuild it with "
            + "stateful=False to carry state between calls yourself)",
        refusal(withLayerChange("lstm", l -> ((ObjectNode) l.get("config")).put("stateful", true))));
    assertTrue(refusal(withLayerChange("lstm", l -> l.put("class_name", "Conv2D")))
        .startsWith("unsupported Keras layer Conv2D 'lstm'; supported: "));
    assertTrue(refusal(withLayerChange("lstm", l -> l.put("class_name", "Lambda")))
        .startsWith("Lambda 'lstm' holds Python code, which seq2seq4j never runs"));
    assertTrue(refusal(withLayerChange("lstm", l -> l.put("module", "my_project.layers")))
        .contains("custom layers are code, which seq2seq4j never loads"));
    ObjectNode subclassed = JSON.createObjectNode().put("class_name", "MyModel");
    assertTrue(refusal(subclassed).startsWith("unsupported Keras model class 'MyModel'"));
  }

  @Test
  void dropoutInAKeras3FunctionalModelIsPassedThrough() {
    ObjectNode config = withLayerChange("lstm", lstm -> {
      ObjectNode history = (ObjectNode) lstm.at("/inbound_nodes/0/args/0/config");
      history.set("keras_history", JSON.createArrayNode().add("dropout").add(0).add(0));
    });
    ArrayNode layers = (ArrayNode) config.path("config").path("layers");
    ObjectNode dropout = JSON.createObjectNode().put("class_name", "Dropout").put("name", "dropout");
    dropout.putObject("config").put("name", "dropout").put("rate", 0.5);
    ObjectNode arg = dropout.putArray("inbound_nodes").addObject().putArray("args").addObject();
    arg.put("class_name", "__keras_tensor__");
    arg.putObject("config").set("keras_history", JSON.createArrayNode().add("input").add(0).add(0));
    layers.insert(1, dropout);

    ImportedModel imported = ImportedModel.fromCheckpoint(
        config, FUNCTIONAL.resolve("variables/variables"), Map.of());
    assertTrue(imported.notes().isEmpty(), imported.notes().toString());
    assertEquals(0.5f, ((Dropout) imported.model().layer("dropout")).rate());
    ParityReport report = ParityChecker.check(FUNCTIONAL, SavedModelRunner.DEFAULT_SIGNATURE,
        imported.model(), imported.weights(), ParityChecker.DEFAULT_TOLERANCE, 1);
    assertTrue(report.passed(), report.format());
  }

  @Test
  void dropoutInAKeras2SequentialModelIsPassedThrough() {
    Path dir = Fixtures.stockLstm();
    ObjectNode config = (ObjectNode) KerasConfigSource.fromKerasMetadata(dir.resolve("keras_metadata.pb"));
    ObjectNode dropout = ((ArrayNode) config.path("config").path("layers")).insertObject(2);
    dropout.put("class_name", "Dropout").putObject("config").put("name", "dropout_3").put("rate", 0.2);
    ImportedModel imported = ImportedModel.fromCheckpoint(
        config, dir.resolve("variables/variables"), Map.of());
    assertEquals(List.of(), imported.notes());
    assertEquals(0.2f, ((Dropout) imported.model().layer("dropout_3")).rate());
    ParityReport report = ParityChecker.check(dir, SavedModelRunner.DEFAULT_SIGNATURE, imported.model(), imported.weights(),
        ParityChecker.DEFAULT_TOLERANCE, 3);
    assertTrue(report.passed(), report.format());
  }

  @Test
  void dropoutInAKeras2FunctionalModelIsPassedThrough() {
    Path dir = Fixtures.additionEncoderDecoder();
    JsonNode original = KerasConfigSource.fromFile(dir.resolve("saved_models/v1.h5"));
    ObjectNode config = original.deepCopy();
    ArrayNode layers = (ArrayNode) config.path("config").path("layers");
    int dense = -1;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).path("name").asText().equals("Decoder_Dense")) {
        dense = i;
      }
    }
    // Keras 2 wiring: Decoder_LSTM -> Dropout -> Decoder_Dense.
    ObjectNode dropout = layers.insertObject(dense);
    dropout.put("class_name", "Dropout").put("name", "dropout");
    dropout.putObject("config").put("name", "dropout").put("rate", 0.3);
    dropout.putArray("inbound_nodes").addArray().addArray()
        .add("Decoder_LSTM").add(0).add(0).addObject();
    ((ArrayNode) layers.get(dense + 1).path("inbound_nodes").get(0).get(0)).set(0,
        JSON.getNodeFactory().textNode("dropout"));

    Map<String, long[]> shapes = Map.of("Encoder_Input", new long[] {6, 14},
        "Decoder_Input", new long[] {5, 14});
    Path prefix = dir.resolve("weights/v1.weights");
    ImportedModel plain = ImportedModel.fromCheckpoint(original, prefix, shapes);
    ImportedModel withDropout = ImportedModel.fromCheckpoint(config, prefix, shapes);
    assertEquals(List.of(), withDropout.notes());
    List<FloatBlock> x = List.of(random(8, 6, 14), random(8, 5, 14));
    assertArrayEquals(predict(plain, x).data(), predict(withDropout, x).data());
  }

  private static FloatBlock random(long... shape) {
    SplittableRandom rnd = new SplittableRandom(5);
    float[] d = new float[(int) (shape[0] * shape[1] * shape[2])];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) rnd.nextDouble();
    }
    return FloatBlock.of(d, shape);
  }

  private static FloatBlock predict(ImportedModel m, List<FloatBlock> x) {
    try (CompiledModel cm = CompiledModel.compile(m.model(),
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      cm.setWeights(m.weights());
      return cm.predict(x);
    }
  }
}
