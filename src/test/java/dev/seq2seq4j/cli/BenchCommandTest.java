package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code bench}: help, the closing JSON line, and the run without Python (bad options are rows
 * of {@link BadInputTableTest}).
 */
class BenchCommandTest {
  @Test
  void helpExitsZero() {
    assertEquals(0, CliRunner.run("bench", "--help").exitCode());
  }

  @Test
  void withoutPythonItSaysSoAndOmitsTheKerasFigures() throws Exception {
    CliRunner.Outcome o = CliRunner.run("bench", "--quick", "--json", "--sections",
        "floor,keras", "--python", "/nonexistent/python");
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("Keras figures omitted"), o.out());
    JsonNode json = new ObjectMapper().readTree(o.lastLine());
    assertTrue(json.get("floor_ms_per_step").asDouble() > 0);
    assertTrue(json.get("keras").asText().contains("no Python venv"));
    assertTrue(!json.has("keras_fastest_ms_per_step"));
    assertTrue(!json.has("speedup_vs_keras"));
    assertTrue(json.has("cpu") && json.has("java_threads"));
  }
}
