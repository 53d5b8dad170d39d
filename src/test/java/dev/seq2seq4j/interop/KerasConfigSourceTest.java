package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.keras.KerasModel;
import dev.seq2seq4j.keras.KerasTopology;
import dev.seq2seq4j.keras.KerasVersion;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras configs from JSON, .keras archives and HDF5 files rebuild the same model. */
class KerasConfigSourceTest {
  private static final Path PARITY = Fixtures.projectRoot()
      .resolve("saved-models/reverse-return-sequences-state/parity.json");

  @Test
  void jsonAndKerasArchiveGiveTheSameModel(@TempDir Path tmp) throws Exception {
    JsonNode config = new ObjectMapper().readTree(PARITY.toFile()).get("model_config");
    Path json = tmp.resolve("config.json");
    Files.writeString(json, config.toString());
    Path archive = PARITY.resolveSibling("reverse-return-sequences-state.keras");
    Model fromJson = read(KerasConfigSource.fromFile(json)).model();
    Model fromArchive = read(KerasConfigSource.fromFile(archive)).model();
    assertEquals(fromJson.summary(), fromArchive.summary());
    assertEquals(4010L, fromJson.parameterCount());
  }

  private static KerasModel read(JsonNode config) {
    return KerasTopology.read(config, KerasVersion.ofConfig(config), Map.of());
  }

  @Test
  void hdf5ConfigOfTheFixtureIsFound() {
    Path h5 = Fixtures.additionEncoderDecoder().resolve("saved_models/v1.h5");
    JsonNode config = KerasConfigSource.fromFile(h5);
    assertEquals("Model", config.get("class_name").asText());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(config));
    assertTrue(e.getMessage().contains("Encoder_Input"), e.getMessage());
  }
}
