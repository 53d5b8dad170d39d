package dev.seq2seq4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.nn.Layer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import dev.seq2seq4j.nn.rnn.RnnCell;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every native layer can be written as Keras and read back: the registry leaves none out. */
class LayerCodecsTest {

  /** Every concrete public Layer class compiled from the nn packages (cells run inside RNNs). */
  static List<Class<?>> nativeLayerClasses() throws IOException, URISyntaxException {
    Path root = Path.of(Layer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("dev/seq2seq4j/nn"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (!rel.endsWith(".class") || rel.contains("$")) {
          continue;
        }
        try {
          Class<?> c = Class.forName(rel.substring(0, rel.length() - 6).replace('/', '.'));
          if (Layer.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())
              && Modifier.isPublic(c.getModifiers()) && !RnnCell.class.isAssignableFrom(c)) {
            found.add(c);
          }
        } catch (ClassNotFoundException e) {
          throw new AssertionError(e);
        }
      }
    }
    return found;
  }

  @Test
  void everyNativeLayerHasACodec() throws Exception {
    List<Class<?>> layers = nativeLayerClasses();
    assertTrue(layers.size() >= 10, "found only " + layers);
    TreeSet<String> missing = new TreeSet<>();
    for (Class<?> c : layers) {
      if (!LayerCodecs.standard().layerClasses().contains(c)) {
        missing.add(c.getName());
      }
    }
    assertEquals(new TreeSet<>(), missing, "native layers without a Keras codec");
  }

  @Test
  void eachKerasClassHasOneCodecWhoseNameMatchesTheNativeTypeName() throws Exception {
    for (String cls : LayerCodecs.standard().classNames()) {
      LayerCodec<?> codec = LayerCodecs.standard().forClassName(cls);
      assertEquals(cls, codec.className());
    }
  }

  @Test
  void snakeCaseIsKerasOwn() {
    // Keras's naming.to_snake_case, which names layers and .keras weight groups.
    assertEquals("lstm", Layer.snakeCase("LSTM"));
    assertEquals("simple_rnn", Layer.snakeCase("SimpleRNN"));
    assertEquals("conv1d", Layer.snakeCase("Conv1D"));
    assertEquals("time_distributed", Layer.snakeCase("TimeDistributed"));
    assertEquals("global_average_pooling1d", Layer.snakeCase("GlobalAveragePooling1D"));
    assertEquals("additive_attention", Layer.snakeCase("AdditiveAttention"));
    assertEquals("input_layer", Layer.snakeCase("InputLayer"));
  }

  /** A layer whose config is missing is a bad file, named as such, not an internal error. */
  @Test
  void aLayerWithoutConfigIsRefusedByName() {
    String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", "
        + "\"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"name\": \"in\", "
        + "\"batch_input_shape\": [null, 3, 2]}}, "
        + "{\"class_name\": \"LSTM\", \"config_x\": {\"units\": 2}}]}}";
    UnsupportedKerasFeatureException e = assertThrows(UnsupportedKerasFeatureException.class,
        () -> KerasTopology.read(KerasJson.parse(json.getBytes(StandardCharsets.UTF_8), "t"),
            KerasVersion.parse("2.15.0"), Map.of()));
    assertTrue(e.getMessage().contains("LSTM"), e.getMessage());
  }
}
