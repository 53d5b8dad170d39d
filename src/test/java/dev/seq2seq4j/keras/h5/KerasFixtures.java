package dev.seq2seq4j.keras.h5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Keras-written files in {@code src/test/resources/keras} (made by {@code
 * python-export/h5_fixtures.py}) and their listing, {@code fixtures.json}.
 */
final class KerasFixtures {

  /** The model files Keras wrote, one per layout. */
  static final List<String> MODEL_FILES = List.of(
      "lstm_seq2seq.keras",
      "lstm_seq2seq.h5",
      "lstm_seq2seq.weights.h5",
      "lstm_seq2seq_weights_legacy.h5");
  /** The h5py-crafted file of strings, types, links and huge claims. */
  static final String EDGE_CASES = "edge_cases.h5";

  private static JsonNode listing;

  private KerasFixtures() {}

  static Path dir() {
    try {
      return Path.of(KerasFixtures.class.getResource("/keras/fixtures.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path file(String name) {
    return dir().resolve(name);
  }

  static synchronized JsonNode listing() {
    if (listing == null) {
      try {
        listing = new ObjectMapper().readTree(file("fixtures.json").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return listing;
  }

  /** The listing of one file: {@code datasets} and {@code attributes}. */
  static JsonNode listing(String name) {
    return listing().get("files").get(name);
  }

  /** Opens a fixture's HDF5 content: the file itself, or a {@code .keras}'s weights entry. */
  static H5Reader open(String name) {
    return open(file(name), H5Limits.DEFAULT);
  }

  static H5Reader open(Path file, H5Limits limits) {
    return file.toString().endsWith(".keras")
        ? KerasZip.read(file, limits).openWeights()
        : H5Reader.open(file, limits);
  }
}
