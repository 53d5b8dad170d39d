package dev.seq2seq4j.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.management.ThreadMXBean;
import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.testing.Fixtures;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each hazard a hostile model file may carry, one by one, through the public API: refused with
 * one line that names the file and the hazard, before anything sized by the hazard is
 * allocated (the thread allocates less than 64 MiB for each).
 */
class NamedHazardsTest {
  private static final Path SOURCE = Fixtures.projectRoot().resolve(
      "saved-models/zoo/embedding_mask_zero_gru/embedding_mask_zero_gru.keras");
  private static final long ALLOCATION_LIMIT = 64L << 20;

  /** What each refusal must say. */
  private static final Map<String, String> EXPECTED = Map.ofEntries(
      Map.entry("units 2000000000", "'units' is 2.0E9, outside the supported range"),
      Map.entry("units -5", "'units' is -5, outside the supported range"),
      Map.entry("Lambda layer with bytecode", "holds Python code, which seq2seq4j never runs"),
      Map.entry("module os, registered_name system", "comes from module 'os'"),
      Map.entry("custom registered_name", "custom class 'Custom>Evil'"),
      Map.entry("batch_shape of 10^12 steps", "1000000000000"),
      Map.entry("input_dim 2000000000", "'input_dim' is 2000000000, outside the supported"),
      Map.entry("dtype string", "'string'"),
      Map.entry("class_name unknown", "'NoSuchLayer'"),
      Map.entry("activation eval", "activation '__import__('os').system('id')' is not "
          + "supported"),
      Map.entry("layers nested 100000 deep", "nesting depth (1001) exceeds the maximum allowed "
          + "(1000)"));

  @Test
  void everyNamedHazardIsRefusedByNameWithoutAllocating(@TempDir Path tmp) {
    Map<String, byte[]> entries = ArchiveVariants.entries(SOURCE);
    String config = new String(entries.get("config.json"), StandardCharsets.UTF_8);
    List<ConfigDamage> hazards = new ArrayList<>(ConfigDamage.everyNamed(config));
    hazards.add(ConfigDamage.nested(100_000));
    assertEquals(EXPECTED.keySet().size(), hazards.size(), "every hazard applies to this model");
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (ConfigDamage hazard : hazards) {
      Map<String, byte[]> damaged = new LinkedHashMap<>(entries);
      damaged.put("config.json", hazard.json().getBytes(StandardCharsets.UTF_8));
      Path file = tmp.resolve(hazard.description().replaceAll("[^a-z0-9]+", "_") + ".keras");
      try {
        Files.write(file, ArchiveVariants.zip(damaged, false));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      try {
        ImportedModel.open(file, Map.of("tokens", new long[] {6}));
        fail(hazard.description() + ": opened");
      } catch (IllegalArgumentException | KerasFileException e) {
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        String message = e.getMessage();
        System.out.println(hazard.description() + ": " + message);
        assertTrue(message.contains(file.toString()), "names the file: " + message);
        assertTrue(message.contains(EXPECTED.get(hazard.description())), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(message.contains("`") || message.contains("Constraints"),
            "no parser internals: " + message);
        assertTrue(allocated < ALLOCATION_LIMIT, hazard.description() + " allocated "
            + allocated + " bytes");
      }
    }
  }
}
