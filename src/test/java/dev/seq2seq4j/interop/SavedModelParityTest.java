package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.savedmodel.ModelLoadException;
import dev.seq2seq4j.interop.savedmodel.SavedModelRunner;
import dev.seq2seq4j.interop.savedmodel.SignatureInfo;
import dev.seq2seq4j.testing.Fixtures;
import dev.seq2seq4j.testing.Tolerance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads every SavedModel that python-export wrote into {@code saved-models/}, feeds it the probe
 * inputs of its {@code parity.json} and checks that TensorFlow Java computes the outputs Python
 * recorded, within 1e-5.
 *
 * <p>With {@code -Dseq2seq4j.parity.dir=DIR} only that one SavedModel folder is checked (the CI
 * round trip uses this on a model it has just exported).
 */
public class SavedModelParityTest {

  /** Property naming a single SavedModel folder to check instead of saved-models/. */
  static final String PARITY_DIR_PROPERTY = "seq2seq4j.parity.dir";

  /** Same graph, same weights, same CPU kernels: only float summation order may differ. */
  static final double MAX_ABS_ERROR = 1e-5;

  /** The folders under test: the given one, or every saved-models/* holding a parity.json. */
  /**
   * The tutorial SavedModels under test.
   *
   * @return the given folder, or every saved-models/* holding a parity.json
   * @throws IOException if saved-models/ cannot be listed
   */
  public static List<Path> modelDirs() throws IOException {
    String single = System.getProperty(PARITY_DIR_PROPERTY, "");
    if (!single.isBlank()) {
      return List.of(Path.of(single).toAbsolutePath().normalize());
    }
    Path root = Fixtures.projectRoot().resolve("saved-models");
    assertTrue(Files.isDirectory(root), "missing folder " + root);
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(ParityFile.FILE_NAME)))
          .sorted()
          .toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> savedModelsReproducePythonOutputs() throws IOException {
    List<Path> dirs = modelDirs();
    assertFalse(dirs.isEmpty(), "no SavedModel with a parity.json under "
        + Fixtures.projectRoot().resolve("saved-models") + "; run scripts/export-python-models.sh");
    return dirs.stream().map(dir -> DynamicTest.dynamicTest(
        dir.getFileName().toString(), () -> checkParity(dir)));
  }

  private static void checkParity(Path dir) {
    ParityFile parity = ParityFile.read(dir);
    assertEquals(dir.getFileName().toString(), parity.recipe(), "recipe name vs folder name");
    try (SavedModelRunner runner = SavedModelRunner.open(dir)) {
      SignatureInfo sig = runner.signature(parity.signature().name());

      // What Java reads from the SignatureDef must agree with what Python read back.
      assertEquals(names(parity.signature().inputs()), sig.inputNames(), "input names");
      assertEquals(names(parity.signature().outputs()), sig.outputNames(), "output names");
      for (ParityFile.TensorSpec expected : parity.signature().inputs()) {
        SignatureInfo.Spec actual = sig.input(expected.name()).orElseThrow();
        assertEquals("FLOAT", actual.dtype(), "dtype of input " + expected.name());
        assertArrayEquals(expected.shapeOrMinusOne(), actual.shape(),
            "shape of input " + expected.name());
      }

      Map<String, FloatBlock> outputs =
          runner.run(sig.name(), parity.probes().inputArrays());
      Map<String, FloatBlock> expectedOutputs = parity.probes().outputArrays();
      assertEquals(expectedOutputs.keySet(), outputs.keySet(), "output names");
      StringBuilder report = new StringBuilder();
      for (Map.Entry<String, FloatBlock> e : expectedOutputs.entrySet()) {
        FloatBlock actual = outputs.get(e.getKey());
        assertArrayEquals(e.getValue().shape(), actual.shape(), "shape of " + e.getKey());
        double max = Tolerance.assertAllClose(e.getValue().data(), actual.data(),
            MAX_ABS_ERROR, 0, parity.recipe() + " " + e.getKey());
        report.append(String.format(" %s%s max abs error %.3e;", e.getKey(),
            Arrays.toString(actual.shape()), max));
      }
      System.out.println("parity " + parity.recipe() + ":" + report);
    }
  }

  private static List<String> names(List<ParityFile.TensorSpec> specs) {
    return specs.stream().map(ParityFile.TensorSpec::name).sorted().toList();
  }

  /** Any available model, for the bad-input tests. */
  private static Path anyModel() throws IOException {
    List<Path> dirs = modelDirs();
    assertFalse(dirs.isEmpty(), "no SavedModel to test with");
    return dirs.get(0);
  }

  @Test
  void missingFolderIsReportedByName(@TempDir Path tmp) {
    Path missing = tmp.resolve("no-such-model");
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> SavedModelRunner.open(missing));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
  }

  @Test
  void fileInsteadOfFolderIsRejected(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("model.txt"), "not a model");
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> SavedModelRunner.open(file));
    assertTrue(e.getMessage().contains("not a folder"), e.getMessage());
  }

  @Test
  void folderWithoutSavedModelPbIsRejected(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("variables"));
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> SavedModelRunner.open(tmp));
    assertTrue(e.getMessage().contains("saved_model.pb"), e.getMessage());
  }

  @Test
  void corruptSavedModelPbFailsWithAnExceptionNotACrash(@TempDir Path tmp) throws IOException {
    Files.write(tmp.resolve("saved_model.pb"), new byte[] {0x0a, (byte) 0xff, 0x13, 0x37});
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> SavedModelRunner.open(tmp));
    assertTrue(e.getMessage().contains("could not load"), e.getMessage());
  }

  @Test
  void unknownSignatureListsTheAvailableOnes() throws IOException {
    try (SavedModelRunner runner = SavedModelRunner.open(anyModel())) {
      assertTrue(runner.signatures().containsKey(SavedModelRunner.DEFAULT_SIGNATURE),
          "signatures " + runner.signatures().keySet());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> runner.run("predict", Map.of()));
      assertTrue(e.getMessage().contains("Unknown signature 'predict'"), e.getMessage());
      assertTrue(e.getMessage().contains(SavedModelRunner.DEFAULT_SIGNATURE), e.getMessage());
    }
  }

  @Test
  void wrongInputShapeNamesInputExpectedAndGivenShape() throws IOException {
    Path dir = anyModel();
    try (SavedModelRunner runner = SavedModelRunner.open(dir)) {
      SignatureInfo.Spec input = runner.signature(SavedModelRunner.DEFAULT_SIGNATURE)
          .inputs().get(0);
      long[] shape = input.shape();
      shape[0] = 3;
      shape[shape.length - 1] += 1;
      FloatBlock wrong = FloatBlock.wrap(new float[Math.toIntExact(FloatBlock.checkedSize(shape))], shape);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> runner.run(Map.of(input.name(), wrong)));
      assertTrue(e.getMessage().contains("'" + input.name() + "'"), e.getMessage());
      assertTrue(e.getMessage().contains(input.shapeText()), e.getMessage());
      assertTrue(e.getMessage().contains(Arrays.toString(shape)), e.getMessage());

      long[] wrongRank = {3};
      IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
          () -> runner.run(Map.of(input.name(), FloatBlock.wrap(new float[3], wrongRank))));
      assertTrue(rank.getMessage().contains("[3]"), rank.getMessage());
    }
  }

  @Test
  void missingAndUnknownInputNamesAreReported() throws IOException {
    try (SavedModelRunner runner = SavedModelRunner.open(anyModel())) {
      SignatureInfo.Spec input = runner.signature(SavedModelRunner.DEFAULT_SIGNATURE)
          .inputs().get(0);
      IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
          () -> runner.run(Map.of()));
      assertTrue(missing.getMessage().contains("Missing input '" + input.name() + "'"),
          missing.getMessage());

      Map<String, FloatBlock> extra = new HashMap<>();
      extra.put("not_an_input", FloatBlock.wrap(new float[1], 1));
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
          () -> runner.run(extra));
      assertTrue(unknown.getMessage().contains("not_an_input"), unknown.getMessage());
    }
  }

  @Test
  void closedRunnerRefusesToRun() throws IOException {
    SavedModelRunner runner = SavedModelRunner.open(anyModel());
    runner.close();
    runner.close();
    assertThrows(IllegalStateException.class, () -> runner.run(Map.of()));
  }

}
