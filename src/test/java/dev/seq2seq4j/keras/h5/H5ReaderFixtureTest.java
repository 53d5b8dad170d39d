package dev.seq2seq4j.keras.h5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.data.FloatBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dataset and string attribute that Keras and h5py wrote into the fixtures reads back
 * as {@code fixtures.json} lists it: paths, shapes, dtypes, first values exactly, sums.
 */
class H5ReaderFixtureTest {

  /** Listed datasets the reader refuses by design (see H5ReaderRefusalTest). */
  private static final Set<String> REFUSED = Set.of("/data/chunked_deflate",
      "/data/chunked_plain");

  static Stream<String> files() {
    return Stream.concat(KerasFixtures.MODEL_FILES.stream(), Stream.of(KerasFixtures.EDGE_CASES));
  }

  @ParameterizedTest
  @MethodSource("files")
  void everyListedDatasetReadsExactly(String name) {
    int checked = 0;
    try (H5Reader reader = KerasFixtures.open(name)) {
      for (JsonNode d : KerasFixtures.listing(name).get("datasets")) {
        if (!d.has("first") || REFUSED.contains(d.get("path").asText())) {
          continue; // strings, compounds, headers without data: see H5ReaderRefusalTest
        }
        String path = d.get("path").asText().substring(1);
        long[] shape = longs(d.get("shape"));
        assertArrayEquals(shape, reader.root().datasetShape(path), path);
        assertEquals(d.get("dtype").asText(), reader.root().datasetType(path), path);
        double sum = 0;
        float[] first = new float[d.get("first").size()];
        float[] actual;
        if (d.get("dtype").asText().startsWith("float")) {
          FloatBlock block = reader.root().readFloats(path);
          assertArrayEquals(shape, block.shape(), path);
          actual = block.data();
        } else {
          long[] values = reader.root().readLongs(path);
          actual = new float[values.length];
          for (int i = 0; i < values.length; i++) {
            actual[i] = values[i];
          }
        }
        for (int i = 0; i < first.length; i++) {
          first[i] = (float) d.get("first").get(i).asDouble();
        }
        for (float v : actual) {
          sum += v;
        }
        assertArrayEquals(first, Arrays.copyOf(actual, first.length), path);
        double expectedSum = d.get("sum").asDouble();
        // float64 datasets arrive rounded to float32, so their sums agree to float precision.
        assertEquals(expectedSum, sum, 1e-6 * (1 + Math.abs(expectedSum)), path);
        checked++;
      }
    }
    assertTrue(checked >= 5, name + ": only " + checked + " datasets checked");
  }

  @ParameterizedTest
  @MethodSource("files")
  void everyListedStringAttributeReadsExactly(String name) {
    int checked = 0;
    try (H5Reader reader = KerasFixtures.open(name)) {
      for (JsonNode a : KerasFixtures.listing(name).get("attributes")) {
        String kind = a.get("kind").asText();
        if (kind.startsWith("number")) {
          continue;
        }
        String path = a.get("path").asText();
        H5Group group = path.equals("/") ? reader.root()
            : reader.root().requireGroup(path.substring(1));
        String attribute = a.get("name").asText();
        if (kind.equals("string")) {
          assertEquals(Optional.of(a.get("value").asText()), group.stringAttribute(attribute),
              path + " @" + attribute);
        } else {
          assertEquals(Optional.of(strings(a.get("list"))), group.stringListAttribute(attribute),
              path + " @" + attribute);
        }
        checked++;
      }
    }
    assertTrue(checked >= 5, name + ": only " + checked + " attributes checked");
  }

  @Test
  void legacyH5NamesGiveTheWeightOrder() {
    try (H5Reader reader = KerasFixtures.open("lstm_seq2seq.h5")) {
      H5Group root = reader.root();
      assertEquals(Optional.of("3.8.0"), root.stringAttribute("keras_version"));
      assertEquals(Optional.of("tensorflow"), root.stringAttribute("backend"));
      assertTrue(root.stringAttribute("model_config").orElseThrow()
          .startsWith("{\"class_name\": \"Sequential\""));
      H5Group weights = root.requireGroup("model_weights");
      assertEquals(List.of("lstm", "repeat_vector", "lstm_1", "time_distributed"),
          weights.stringListAttribute("layer_names").orElseThrow());
      // h5py lists children by name, as Keras created them (sorted).
      assertEquals(List.of("lstm", "lstm_1", "repeat_vector", "time_distributed",
          "top_level_model_weights"), weights.childNames());
      H5Group lstm = weights.requireGroup("lstm");
      List<String> names = lstm.stringListAttribute("weight_names").orElseThrow();
      assertEquals(List.of("sequential/lstm/lstm_cell/kernel",
          "sequential/lstm/lstm_cell/recurrent_kernel", "sequential/lstm/lstm_cell/bias"), names);
      assertArrayEquals(new long[] {4, 8}, lstm.readFloats(names.get(0)).shape());
      assertArrayEquals(new long[] {2, 8}, lstm.readFloats(names.get(1)).shape());
      assertArrayEquals(new long[] {8}, lstm.readFloats(names.get(2)).shape());
      // A layer without weights has an empty float64 array, which Keras reads as no names.
      assertEquals(Optional.of(List.of()),
          weights.requireGroup("repeat_vector").stringListAttribute("weight_names"));
      assertEquals(Optional.empty(), lstm.stringListAttribute("no_such_names"));
    }
  }

  @Test
  void kerasArchiveWeightsSitByLayerPathAndOrder() {
    try (H5Reader reader = KerasFixtures.open("lstm_seq2seq.keras")) {
      H5Group root = reader.root();
      assertEquals(List.of("layers", "optimizer", "vars"), root.childNames());
      H5Group vars = root.requireGroup("layers/lstm/cell/vars");
      assertEquals("/layers/lstm/cell/vars", vars.path());
      assertEquals(List.of("0", "1", "2"), vars.childNames());
      assertEquals(Optional.of("lstm_cell"), vars.stringAttribute("name"));
      assertArrayEquals(new long[] {4, 8}, vars.datasetShape("0"));
      assertArrayEquals(new long[] {2, 3},
          root.datasetShape("layers/time_distributed/layer/vars/0"));
      assertTrue(root.group("layers/repeat_vector/vars").orElseThrow().childNames().isEmpty());
      assertFalse(root.group("layers/no_such_layer").isPresent());
      assertFalse(root.isDataset("layers/lstm"));
      assertTrue(root.isDataset("layers/lstm/cell/vars/2"));
      // The optimizer's iteration counter is an int64 scalar; the learning rate a float32 one.
      assertEquals("int64", root.datasetType("optimizer/vars/0"));
      assertArrayEquals(new long[0], root.datasetShape("optimizer/vars/0"));
      assertArrayEquals(new long[] {1}, root.readLongs("optimizer/vars/0"));
      assertEquals(0, root.readFloats("optimizer/vars/1").rank());
    }
  }

  @Test
  void chunkedAttributesReadAsOneListLikeKeras() {
    try (H5Reader reader = KerasFixtures.open(KerasFixtures.EDGE_CASES)) {
      H5Group chunked = reader.root().requireGroup("chunked");
      assertEquals(Optional.of(List.of("dense/kernel", "dense/bias", "dense_1/kernel",
          "dense_1/bias", "dense_2/kernel")), chunked.stringListAttribute("weight_names"));
      assertEquals(Optional.of(List.of("dense", "dense_1", "dense_2")),
          chunked.stringListAttribute("layer_names"));
    }
  }

  @Test
  void everyStringFormH5pyWritesDecodesAsUtf8() {
    try (H5Reader reader = KerasFixtures.open(KerasFixtures.EDGE_CASES)) {
      H5Group root = reader.root();
      assertEquals(Optional.of("variable length"), root.stringAttribute("vlen_string"));
      assertEquals(Optional.of("numpy bytes"), root.stringAttribute("numpy_bytes"));
      assertEquals(Optional.of(List.of("lstm", "repeat_vector")),
          root.stringListAttribute("fixed_list"));
      assertEquals(Optional.of(List.of("one", "two", "three")),
          root.stringListAttribute("vlen_list"));
      // UTF-8 bytes in an array h5py labels ASCII: Keras decodes them as UTF-8, and so must we.
      assertEquals(Optional.of(List.of("\u00fcber", "plain")),
          root.stringListAttribute("utf8_list"));
      assertEquals(Optional.of(List.of()), root.stringListAttribute("empty_list"));
      assertEquals(Optional.empty(), root.stringAttribute("missing"));
    }
  }

  @Test
  void otherFloatWidthsConvertToFloat32() {
    try (H5Reader reader = KerasFixtures.open(KerasFixtures.EDGE_CASES)) {
      H5Group data = reader.root().requireGroup("data");
      assertArrayEquals(new float[] {1.5f, -2.25f, 1e-3f, 3.0e10f}, data.readFloats("f64").data());
      assertArrayEquals(new float[] {0.5f, -1f, 65504f}, data.readFloats("f16").data());
      FloatBlock scalar = data.readFloats("f32_scalar");
      assertEquals(0, scalar.rank());
      assertEquals(2.5f, scalar.get());
      FloatBlock empty = data.readFloats("f32_empty");
      assertArrayEquals(new long[] {0, 3}, empty.shape());
      assertEquals(0, empty.size());
      assertArrayEquals(new long[] {1, -2, 3}, data.readLongs("i32"));
      assertArrayEquals(new long[] {42}, data.readLongs("i64_scalar"));
    }
  }

  @Test
  void softLinksAreFollowedWithinTheFile() {
    try (H5Reader reader = KerasFixtures.open(KerasFixtures.EDGE_CASES)) {
      H5Group links = reader.root().requireGroup("links");
      // External links need HDF5's newer group format, whose links come in storage order.
      assertEquals(Set.of("dangling", "external", "self_loop", "soft", "soft_group", "up"),
          Set.copyOf(links.childNames()));
      assertArrayEquals(new float[] {1.5f, -2.25f, 1e-3f, 3.0e10f},
          links.readFloats("soft").data());
      H5Group viaLink = links.requireGroup("soft_group");
      assertEquals("/links/soft_group", viaLink.path());
      assertEquals(3, viaLink.stringListAttribute("layer_names").orElseThrow().size());
    }
  }

  static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
