package dev.seq2seq4j.keras.h5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees built with {@link H5Writer} read back exactly, in the forms Keras reads. */
class H5WriterTest {

  private static FloatBlock counting(long... shape) {
    float[] values = new float[(int) FloatBlock.checkedSize(shape)];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5f - 3;
    }
    return FloatBlock.wrap(values, shape);
  }

  @Test
  void datasetsOfEveryRankAndAttributesReadBack() {
    H5Writer writer = new H5Writer();
    H5Writer.Group vars = writer.root().group("layers/lstm/cell/vars");
    vars.attribute("name", "lstm_cell");
    vars.dataset("0", counting(4, 8)).dataset("1", counting(2, 8)).dataset("2", counting(8));
    writer.root().group("layers/attention/vars").dataset("0", FloatBlock.wrap(new float[] {2f}));
    writer.root().dataset("deep/rank4", counting(2, 3, 1, 2));
    writer.root().dataset("special", FloatBlock.of(new float[] {Float.NaN,
        Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE}, 4));
    writer.root().longDataset("optimizer/vars/0", new long[] {Long.MAX_VALUE});
    writer.root().longDataset("ints", new long[] {1, -2, 3, 4, 5, 6}, 2, 3);
    writer.root().attribute("model_config", "{\"class_name\": \"Sequential\", \"\u00e9\": 1}");
    writer.root().attribute("layer_names", List.of("lstm", "repeat_vector", "\u00fcber"));

    try (H5Reader reader = H5Reader.fromBytes("built.h5", writer.toBytes())) {
      H5Group root = reader.root();
      assertEquals(List.of(), root.attributeNames().stream()
          .filter(n -> n.startsWith("_")).toList(), "jHDF's version stamp is removed");
      H5Group cell = root.requireGroup("layers/lstm/cell/vars");
      assertEquals(Optional.of("lstm_cell"), cell.stringAttribute("name"));
      assertEquals(counting(4, 8), cell.readFloats("0"));
      assertEquals(counting(2, 8), cell.readFloats("1"));
      assertEquals(counting(8), cell.readFloats("2"));
      FloatBlock scalar = root.readFloats("layers/attention/vars/0");
      assertEquals(0, scalar.rank());
      assertEquals(2f, scalar.get());
      assertEquals(counting(2, 3, 1, 2), root.readFloats("deep/rank4"));
      assertArrayEquals(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE},
          root.readFloats("special").data());
      assertEquals("int64", root.datasetType("optimizer/vars/0"));
      assertArrayEquals(new long[0], root.datasetShape("optimizer/vars/0"));
      assertArrayEquals(new long[] {Long.MAX_VALUE}, root.readLongs("optimizer/vars/0"));
      assertArrayEquals(new long[] {2, 3}, root.datasetShape("ints"));
      assertArrayEquals(new long[] {1, -2, 3, 4, 5, 6}, root.readLongs("ints"));
      assertEquals(Optional.of("{\"class_name\": \"Sequential\", \"\u00e9\": 1}"),
          root.stringAttribute("model_config"));
      assertEquals(Optional.of(List.of("lstm", "repeat_vector", "\u00fcber")),
          root.stringListAttribute("layer_names"));
    }
  }

  /**
   * jHDF 0.13 appends its version string where the last dataset ended; when an empty group
   * follows that dataset in the file (jHDF writes "a" then "b" here), the string used to
   * overwrite the group's header. See JhdfGroupNode.
   */
  @Test
  void anEmptyGroupWrittenLastSurvives(@TempDir Path tmp) {
    H5Writer writer = new H5Writer();
    writer.root().dataset("a", counting(3));
    writer.root().group("b").attribute("name", "sequential");
    writer.root().group("c/vars");
    Path file = tmp.resolve("empty-last.h5");
    writer.writeTo(file);
    try (H5Reader reader = H5Reader.open(file)) {
      assertEquals(counting(3), reader.root().readFloats("a"));
      assertEquals(Optional.of("sequential"),
          reader.root().requireGroup("b").stringAttribute("name"));
      assertTrue(reader.root().requireGroup("c/vars").childNames().isEmpty());
    }
  }

  @Test
  void longListsAreChunkedAsKerasChunksThem() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      names.add(String.format("layer_%04d/sequential/layer_%04d/kernel", i, i));
    }
    H5Writer writer = new H5Writer();
    writer.root().group("model_weights").attribute("weight_names", names);
    try (H5Reader reader = H5Reader.fromBytes("chunked.h5", writer.toBytes())) {
      H5Group group = reader.root().requireGroup("model_weights");
      // 3000 names of 39 bytes (+1 terminator) are 120 000 bytes: two chunks of 1500.
      assertEquals(List.of("weight_names0", "weight_names1"),
          group.attributeNames().stream().sorted().toList());
      assertEquals(Optional.of(names), group.stringListAttribute("weight_names"));
    }
  }

  @Test
  void chunksSplitLikeNumpyArraySplit() {
    List<String> ten = Stream.iterate(0, i -> i + 1).limit(10).map(i -> "n" + i).toList();
    // Items of 10 bytes, parts of at most 40: np.array_split(10 items, 3) gives 4, 3, 3.
    List<String[]> parts = KerasChunks.split(ten, 10, 40);
    assertEquals(List.of(4, 3, 3), parts.stream().map(p -> p.length).toList());
    assertEquals("n4", parts.get(1)[0]);
    assertEquals(1, KerasChunks.split(ten, 4, 40).size());
    assertEquals(1, KerasChunks.split(List.of(), 1, 40).size());
    assertThrows(IllegalArgumentException.class, () -> KerasChunks.split(ten, 41, 40));
  }

  @Test
  void emptyListsAreLeftOutAsKerasReadsThemEmpty() {
    H5Writer writer = new H5Writer();
    writer.root().group("model_weights/repeat_vector").attribute("weight_names", List.of());
    try (H5Reader reader = H5Reader.fromBytes("empty.h5", writer.toBytes())) {
      H5Group group = reader.root().requireGroup("model_weights/repeat_vector");
      assertTrue(group.attributeNames().isEmpty());
      assertEquals(Optional.empty(), group.stringListAttribute("weight_names"));
    }
  }

  @Test
  void whatJhdfCannotWriteIsRefusedUpFront() {
    H5Writer.Group root = new H5Writer().root();
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> root.dataset("empty", FloatBlock.wrap(new float[0], 0, 3)));
    assertTrue(empty.getMessage().contains("cannot write empty datasets"), empty.getMessage());
    String tooLong = "x".repeat(H5Writer.ATTRIBUTE_LIMIT);
    assertThrows(IllegalArgumentException.class, () -> root.attribute("model_config", tooLong));
    assertThrows(IllegalArgumentException.class,
        () -> root.attribute("weight_names", List.of("ok", tooLong)));
    assertThrows(IllegalArgumentException.class, () -> root.attribute("nul", "a\0b"));
    root.attribute("taken", "once");
    assertThrows(IllegalArgumentException.class, () -> root.attribute("taken", "twice"));
    root.dataset("x", counting(2));
    assertThrows(IllegalArgumentException.class, () -> root.dataset("x", counting(2)));
    assertThrows(IllegalArgumentException.class, () -> root.group("x/below"));
    for (String bad : new String[] {"", " ", "a//b", "../x", "a/./b", "/abs"}) {
      assertThrows(IllegalArgumentException.class, () -> root.dataset(bad, counting(1)), bad);
    }
    assertThrows(IllegalArgumentException.class,
        () -> root.longDataset("wrong", new long[] {1, 2}, 3));
  }

  @Test
  void writingReplacesAtomicallyAndLeavesNothingBeside(@TempDir Path tmp) throws Exception {
    Path target = tmp.resolve("model.weights.h5");
    Files.write(target, new byte[200_000]); // a larger old file: no stale bytes may remain
    H5Writer writer = new H5Writer();
    writer.root().dataset("layers/dense/vars/0", counting(3, 2));
    writer.writeTo(target);
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(target), files.toList());
    }
    assertTrue(Files.size(target) < 10_000, Files.size(target) + " bytes");
    assertArrayEquals(writer.toBytes(), Files.readAllBytes(target));
    try (H5Reader reader = H5Reader.open(target)) {
      assertEquals(counting(3, 2), reader.root().readFloats("layers/dense/vars/0"));
    }
  }

  @Test
  void writingWhereNoFileCanBeIsAClearError(@TempDir Path tmp) {
    H5Writer writer = new H5Writer();
    KerasFileException missing = assertThrows(KerasFileException.class,
        () -> writer.writeTo(tmp.resolve("no/such/folder/x.h5")));
    assertTrue(missing.getMessage().contains("folder does not exist"), missing.getMessage());
    KerasFileException folder = assertThrows(KerasFileException.class,
        () -> writer.writeTo(tmp));
    assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    assertFalse(Files.exists(tmp.resolve("no")));
  }
}
