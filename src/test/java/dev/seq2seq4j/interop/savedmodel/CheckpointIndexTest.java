package dev.seq2seq4j.interop.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.interop.SavedModelParityTest;
import dev.seq2seq4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;

/**
 * The plain-Java checkpoint index reader agrees with what the SavedModel's own object graph says
 * about its variables, and names every kind of broken checkpoint before native code runs.
 */
class CheckpointIndexTest {
  private static final Path MODEL =
      Fixtures.projectRoot().resolve("saved-models/reverse-return-state");

  private static Path copyModel(Path tmp) throws IOException {
    Path to = tmp.resolve("m");
    Files.createDirectories(to.resolve("variables"));
    for (String f : new String[] {"saved_model.pb", "variables/variables.index",
        "variables/variables.data-00000-of-00001"}) {
      Files.copy(MODEL.resolve(f), to.resolve(f));
    }
    return to.resolve("variables/variables");
  }

  /** A flipped bit in the object graph (a string tensor) or in a string's length is caught. */
  @Test
  void stringTensorsAreVerifiedLikeWeights(@TempDir Path tmp) throws IOException {
    Path prefix = copyModel(tmp);
    CheckpointIndex index = CheckpointIndex.read(prefix).verifyData();
    CheckpointIndex.Entry graph = index.entries().get("_CHECKPOINTABLE_OBJECT_GRAPH");
    assertEquals(DataType.DT_STRING, graph.dtype());
    Path data = index.dataFile(0);
    byte[] intact = Files.readAllBytes(data);
    long[] places = {graph.offset() + graph.size() - 1, graph.offset() + graph.size() / 2,
        graph.offset()};
    for (long at : places) {
      byte[] bytes = intact.clone();
      bytes[(int) at] ^= 0x04;
      Files.write(data, bytes);
      ModelLoadException e = assertThrows(ModelLoadException.class,
          () -> CheckpointIndex.read(prefix).verifyData(), "flip at " + at);
      assertTrue(e.getMessage().contains("_CHECKPOINTABLE_OBJECT_GRAPH"), e.getMessage());
    }
  }

  @Test
  void indexAgreesWithTheSavedModelsVariables() {
    CheckpointIndex index = CheckpointIndex.read(MODEL.resolve("variables/variables")).verifyData();
    assertEquals(1, index.numShards());
    assertTrue(index.entries().containsKey("_CHECKPOINTABLE_OBJECT_GRAPH"), index.entries().keySet().toString());
    // Shapes from saved_model.pb's object graph (an independent record of the same variables):
    // each must appear among the checkpoint's float tensors exactly as often.
    Map<String, Long> fromGraph = SavedModelInspector.describe(MODEL).variables().stream()
        .filter(v -> v.dtype().equals("DT_FLOAT"))
        .collect(Collectors.groupingBy(v -> Arrays.toString(v.shape()), Collectors.counting()));
    Map<String, Long> fromIndex = index.entries().values().stream()
        .filter(e -> e.dtype() == DataType.DT_FLOAT && e.key().startsWith("variables/"))
        .collect(Collectors.groupingBy(e -> Arrays.toString(e.shape()), Collectors.counting()));
    assertEquals(fromGraph, fromIndex);
    CheckpointIndex.Entry kernel = index.entries().values().stream()
        .filter(e -> Arrays.equals(e.shape(), new long[] {10, 64})).findFirst().orElseThrow();
    assertEquals(4L * 10 * 64, kernel.size());
  }

  /**
   * Two records of the same variables must agree: the names the SavedModel's SavedObjectGraph
   * gives (saved_model.pb) and the names the checkpoint's own object graph maps to keys.
   */
  @Test
  void checkpointNamesMatchTheSavedObjectGraph() throws IOException {
    List<Path> dirs = new ArrayList<>(SavedModelParityTest.modelDirs());
    Path fixtures = Path.of(System.getProperty("seq2seq4j.fixtures",
        Fixtures.projectRoot().resolve("../shared/fixtures/python-keras").toString()));
    if (Files.isDirectory(fixtures.resolve("stock-lstm-savedmodel-tf2.6"))) {
      dirs.add(fixtures.resolve("stock-lstm-savedmodel-tf2.6"));
    }
    for (Path dir : dirs) {
      Set<String> fromSavedModel = SavedModelInspector.describe(dir).variables().stream()
          .map(SavedModelInspector.Variable::name).collect(Collectors.toSet());
      CheckpointReader reader = CheckpointReader.open(dir.resolve("variables/variables"));
      assertEquals(fromSavedModel, reader.variables().keySet(), dir.toString());
      for (String key : reader.variables().values()) {
        assertTrue(reader.index().entries().containsKey(key), dir + ": " + key);
      }
    }
  }

  @Test
  void readsTheKerasSaveWeightsFixture() {
    CheckpointIndex index =
        CheckpointIndex.read(Fixtures.additionEncoderDecoder().resolve("weights/v1.weights")).verifyData();
    // Fixtures README: Encoder_LSTM is LSTM(32) on 14 features.
    CheckpointIndex.Entry kernel = index.entries().values().stream()
        .filter(e -> e.key().startsWith("layer_with_weights-0/cell/kernel/"))
        .findFirst().orElseThrow(() -> new AssertionError(index.entries().keySet()));
    assertArrayEquals(new long[] {14, 128}, kernel.shape());
  }

  @Test
  void truncatedDataFileIsNamed(@TempDir Path tmp) throws IOException {
    Path prefix = copyModel(tmp);
    Path data = Path.of(prefix + ".data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, Arrays.copyOf(bytes, bytes.length - 10));
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> CheckpointIndex.read(prefix).verifyData());
    assertTrue(e.getMessage().contains("is truncated") && e.getMessage().contains(data.toString()),
        e.getMessage());
  }

  @Test
  void corruptDataBytesFailTheirChecksum(@TempDir Path tmp) throws IOException {
    Path prefix = copyModel(tmp);
    Path data = Path.of(prefix + ".data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    CheckpointIndex.Entry e = CheckpointIndex.read(prefix).entries().values().stream()
        .filter(x -> x.dtype() == DataType.DT_FLOAT && x.size() > 100).findFirst().orElseThrow();
    bytes[(int) e.offset() + 7] ^= 0x10;
    Files.write(data, bytes);
    ModelLoadException ex = assertThrows(ModelLoadException.class,
        () -> CheckpointIndex.read(prefix).verifyData());
    assertTrue(ex.getMessage().contains("'" + e.key() + "' do not match their checksum"), ex.getMessage());
  }

  @Test
  void missingDataFileIsNamed(@TempDir Path tmp) throws IOException {
    Path prefix = copyModel(tmp);
    Files.delete(Path.of(prefix + ".data-00000-of-00001"));
    ModelLoadException e = assertThrows(ModelLoadException.class,
        () -> CheckpointIndex.read(prefix).verifyData());
    assertTrue(e.getMessage().startsWith("checkpoint data file not found"), e.getMessage());
  }

  @Test
  void truncatedOrFlippedIndexIsNamed(@TempDir Path tmp) throws IOException {
    Path prefix = copyModel(tmp);
    Path index = Path.of(prefix + ".index");
    byte[] good = Files.readAllBytes(index);
    Files.write(index, Arrays.copyOf(good, good.length / 2));
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> CheckpointIndex.read(prefix));
    assertTrue(e.getMessage().contains("truncated or not a checkpoint index"), e.getMessage());

    byte[] flipped = good.clone();
    flipped[20] ^= 0x01; // inside the first data block
    Files.write(index, flipped);
    e = assertThrows(ModelLoadException.class, () -> CheckpointIndex.read(prefix));
    assertTrue(e.getMessage().contains("is corrupt"), e.getMessage());

    Files.write(index, new byte[10]);
    e = assertThrows(ModelLoadException.class, () -> CheckpointIndex.read(prefix));
    assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
    Files.delete(index);
    e = assertThrows(ModelLoadException.class, () -> CheckpointIndex.read(prefix));
    assertTrue(e.getMessage().startsWith("checkpoint index not found"), e.getMessage());
  }
}
