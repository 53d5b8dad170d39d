package dev.seq2seq4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.keras.KerasConfigWriter;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.tutorials.Recipes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code bench_keras.py} on a tiny spec: it rebuilds the Java model from its Keras config,
 * times it the quick ways and times numpy's products. Needs the Python venv (skipped without).
 */
class KerasBenchScriptTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void scriptMeasuresATinyWorkload() throws Exception {
    Optional<Path> python = ProjectFiles.venvPython();
    assumeTrue(python.isPresent(), "needs the Python venv (SEQ2SEQ4J_VENV)");
    Model model = Recipes.byName("reverse-return-sequences-state")
        .buildModel(Recipes.byName("reverse-return-sequences-state").defaults().withLength(2)
            .withUnits(3));
    ObjectNode spec = MAPPER.createObjectNode();
    spec.put("quick", true);
    spec.put("reps", 3);
    spec.put("warmups", 1);
    spec.putArray("threads").add(1);
    ObjectNode w = spec.putArray("training").addObject();
    w.put("name", "tiny");
    w.put("recipe", "reverse-return-sequences-state");
    w.put("batch", 4);
    w.put("steps", 3);
    w.put("loss", "categorical_crossentropy");
    w.set("keras_config", KerasConfigWriter.write(model));
    w.putArray("input_shapes").add(MAPPER.valueToTree(new long[] {2, 10}));
    w.set("output_shape", MAPPER.valueToTree(new long[] {2, 10}));
    w.putObject("full").put("run", false);
    ArrayNode p = spec.putArray("floor_products").addArray();
    p.add(2).add(3).add(4).add(false).add(true);
    Path log = Files.createTempFile("keras-bench-test", ".log");
    Path script = ProjectFiles.root().resolve("python-export/bench_keras.py");
    KerasBench.Outcome o = KerasBench.run(python.get(), script, spec, log, 10);
    assertTrue(o.ran(), o.note() + "\n" + Files.readString(log));
    JsonNode run = o.result().path("runs").get(0);
    assertEquals(1, run.path("threads").asInt());
    JsonNode ways = run.path("training").path("tiny");
    assertEquals(3, ways.size(), ways.toString());
    ways.forEach(way -> assertTrue(way.path("ms_per_step").asDouble() > 0));
    assertTrue(run.path("numpy_floor_ms").asDouble() > 0);
    assertFalse(o.result().path("versions").path("keras").asText().isEmpty());
    Files.deleteIfExists(log);
  }

  @Test
  void aMissingScriptIsANoteNotAFailure() throws Exception {
    KerasBench.Outcome o = KerasBench.run(Path.of("python3"), Path.of("/nonexistent/x.py"),
        MAPPER.createObjectNode(), Files.createTempFile("x", ".log"), 1);
    assertFalse(o.ran());
    assertTrue(o.note().contains("no Keras script"), o.note());
  }
}
