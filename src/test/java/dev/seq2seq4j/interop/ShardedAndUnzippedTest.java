package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.interop.parity.ParityChecker;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityReport;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras 3.15's two other ways of saving (saved-models/keras-latest/lstm, written by Keras
 * 3.15.1): sharded weights ({@code save_weights("lstm.weights.json", max_shard_size=...)}, three
 * shards) and an unzipped archive ({@code save("lstm_unzipped", zipped=False)}). Both read the
 * same weights as the {@code .keras} file of the same model, and the unzipped one reproduces the
 * outputs Keras recorded.
 */
class ShardedAndUnzippedTest {
  private static final Path DIR = Fixtures.projectRoot().resolve("saved-models/keras-latest/lstm");

  @Test
  void shardedWeightsEqualTheArchivesWeights() {
    ImportedModel keras = ImportedModel.open(DIR.resolve("lstm.keras"), Map.of());
    ModelFile sharded = ModelFiles.open(DIR.resolve("lstm.weights.json"));
    assertTrue(sharded.format().contains("sharded"), sharded.format());
    Weights fromShards = ImportedModel.weightsFor(keras.model(), DIR.resolve("lstm.weights.json"));
    assertEquals(keras.weights(), fromShards);
  }

  @Test
  void anUnzippedArchiveMatchesKerasOutputs() {
    ParityFile parity = ParityFile.readFile(DIR.resolve(ParityFile.FILE_NAME));
    ImportedModel unzipped = ImportedModel.from(ModelFiles.open(DIR.resolve("lstm_unzipped")),
        ImportedModel.withShapesOf(parity, Map.of()), null);
    assertTrue(unzipped.format().contains("unzipped"), unzipped.format());
    assertTrue(unzipped.version().toString().contains("3.15.1"), unzipped.version().toString());
    assertEquals(ImportedModel.open(DIR.resolve("lstm.keras"), Map.of()).weights(),
        unzipped.weights());
    ParityReport report = ParityChecker.againstRecorded("lstm_unzipped", parity.probes(),
        unzipped.model(), unzipped.weights(), ParityChecker.DEFAULT_TOLERANCE);
    assertTrue(report.passed(), report.format());
  }

  private static Path copyShards(Path tmp) throws IOException {
    Path to = Files.createDirectories(tmp.resolve("w"));
    for (String f : new String[] {"lstm.weights.json", "lstm_00000.weights.h5",
        "lstm_00001.weights.h5", "lstm_00002.weights.h5"}) {
      Files.copy(DIR.resolve(f), to.resolve(f));
    }
    return to.resolve("lstm.weights.json");
  }

  private static void assertRefused(Path index, String fragment) {
    KerasFileException e = assertThrows(KerasFileException.class, () -> ModelFiles.open(index));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().contains(index.toString()), e.getMessage());
  }

  @Test
  void hostileOrBrokenIndexesAreRefusedByName(@TempDir Path tmp) throws IOException {
    Path index = copyShards(tmp);
    String intact = Files.readString(index);
    Files.writeString(index, intact.replace("\"lstm_00001.weights.h5\"",
        "\"../lstm_00001.weights.h5\""));
    assertRefused(index, "which is not a plain file name beside the index");
    Files.writeString(index, intact.replace("\"lstm_00001.weights.h5\"", "\"/etc/passwd.h5\""));
    assertRefused(index, "which is not a plain file name beside the index");
    Files.writeString(index, intact.replace("\"lstm_00001.weights.h5\"", "\"gone.weights.h5\""));
    assertRefused(index, "names shard 'gone.weights.h5', which is not a file beside the index");
    Files.writeString(index, intact.replace("\"lstm_00001.weights.h5\"", "\"notes.txt\""));
    assertRefused(index, "which is not an .h5 file");
    Files.writeString(index, "{\"weight_map\": {}}");
    assertRefused(index, "no weight_map object listing shard files");
    Files.writeString(index, "{\"weight_map\": [1, 2");
    assertRefused(index, "is not valid JSON: line 1");
    // The same variable in two shards: which copy counts is ambiguous.
    Files.writeString(index, intact);
    Files.copy(index.resolveSibling("lstm_00002.weights.h5"),
        index.resolveSibling("lstm_00003.weights.h5"));
    Files.writeString(index, intact.replace("\"lstm_00002.weights.h5\"\n        ]",
        "\"lstm_00002.weights.h5\", \"lstm_00003.weights.h5\"\n        ]"));
    assertRefused(index, "is stored in more than one shard");
  }
}
