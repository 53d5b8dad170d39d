package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasConfigWriter;
import dev.seq2seq4j.keras.KerasJson;
import dev.seq2seq4j.keras.KerasLayout;
import dev.seq2seq4j.keras.KerasModel;
import dev.seq2seq4j.keras.KerasTopology;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.nn.DType;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.WeightSpec;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.testing.ForwardRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recipe's model written as a Keras 3 config reads back as the same model (same summary,
 * weights and outputs), and matches the config Keras itself wrote for the tutorial model.
 */
class KerasConfigRoundTripTest {
  static Stream<String> recipes() {
    return Recipes.names().stream();
  }

  private static KerasModel reread(Model model) {
    String text = KerasJson.write(KerasConfigWriter.write(model));
    JsonNode parsed = KerasJson.parse(text.getBytes(StandardCharsets.UTF_8), "config");
    return KerasTopology.read(parsed, KerasVersion.KERAS_3, Map.of());
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void configRebuildsTheSameModel(String name) {
    Recipe recipe = Recipes.byName(name);
    Model model = recipe.buildModel(recipe.defaults());
    KerasModel back = reread(model);
    assertEquals(model.summary(), back.model().summary());
    assertEquals(shapes(model.weights()), shapes(back.model().weights()));
    assertEquals(KerasLayout.of(model).placements().keySet(), back.layout().placements().keySet());
    assertEquals(archivePaths(KerasLayout.of(model)), archivePaths(back.layout()));

    Weights w = ModelGraph.initialWeights(model, 7);
    FloatBlock[] inputs = randomInputs(model);
    List<FloatBlock> a = ForwardRunner.run(model, 7, inputs);
    List<FloatBlock> b = ForwardRunner.run(back.model(), 1, w.asMap(), inputs);
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).data(), b.get(i).data(), 0f);
    }
  }

  /** The tutorial models python-export saved: Keras's own config gives the same layers. */
  @ParameterizedTest
  @MethodSource("recipes")
  void javaModelMatchesTheModelKerasSaved(String name) throws Exception {
    Path parity = Path.of(System.getProperty("basedir", ".")).resolve("saved-models")
        .resolve(name).resolve("parity.json");
    if (!parity.toFile().isFile()) {
      return; // beyond the tutorials: no Python model
    }
    JsonNode config = new ObjectMapper().readTree(parity.toFile()).get("model_config");
    Model keras = KerasTopology.read(config, KerasVersion.KERAS_3, Map.of()).model();
    Recipe recipe = Recipes.byName(name);
    Model java = recipe.buildModel(recipe.defaults());
    assertEquals(structure(keras), structure(java));
    assertEquals(shapes(keras.weights()), shapes(java.weights()));
  }

  /** Layer types, output shapes and parameter counts, without model and layer names. */
  private static List<String> structure(Model m) {
    List<String> s = new ArrayList<>();
    m.nodes().forEach(n -> {
      StringBuilder sb = new StringBuilder(n.layer().typeName());
      for (SymbolicTensor t : n.outputs()) {
        sb.append(' ').append(java.util.Arrays.toString(t.shape()));
      }
      s.add(sb.append(' ').append(n.layer().parameterCount()).toString());
    });
    return s;
  }

  private static List<String> shapes(Map<String, WeightSpec> weights) {
    List<String> s = new ArrayList<>();
    weights.forEach((k, v) -> s.add(k + java.util.Arrays.toString(v.shape())));
    return s;
  }

  private static List<String> archivePaths(KerasLayout layout) {
    List<String> s = new ArrayList<>();
    layout.placements().values().forEach(p -> s.add(p.archivePath()));
    return s;
  }

  private static FloatBlock[] randomInputs(Model model) {
    SplittableRandom rnd = new SplittableRandom(3);
    FloatBlock[] in = new FloatBlock[model.inputs().size()];
    for (int i = 0; i < in.length; i++) {
      long[] row = model.inputs().get(i).shape();
      long[] shape = new long[row.length + 1];
      shape[0] = 3;
      System.arraycopy(row, 0, shape, 1, row.length);
      float[] d = new float[(int) FloatBlock.checkedSize(shape)];
      boolean indices = model.inputs().get(i).dtype() == DType.INT32;
      for (int k = 0; k < d.length; k++) {
        // Token indices for an Embedding must be whole numbers (every recipe's vocabulary has 4).
        d[k] = indices ? rnd.nextInt(4) : (float) rnd.nextDouble();
      }
      in[i] = FloatBlock.of(d, shape);
    }
    return in;
  }
}
