package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outputs become JSON only when every value is a number JSON can hold. */
class PredictorOutputTest {
  private static final Path FILE = Path.of("model.keras");

  @Test
  void finiteOutputsAreOneJsonLine() {
    assertEquals("{\"output_0\":[0.5,-2.0]}", Predictor.outputsAsJson(FILE,
        Map.of("output_0", FloatBlock.wrap(new float[] {0.5f, -2f}, 1, 2))));
  }

  @Test
  void nanOrInfinityIsRefusedNamingFileAndOutput() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Predictor.outputsAsJson(FILE, Map.of("dense",
              FloatBlock.wrap(new float[] {1f, bad}, 1, 2))));
      assertTrue(e.getMessage().startsWith("model.keras: output 'dense' holds " + bad),
          e.getMessage());
    }
  }
}
