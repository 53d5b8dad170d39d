package dev.seq2seq4j.keras.h5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keras-written files, read and written back through {@link H5Writer} and {@link KerasZip},
 * read back the same: every group, dataset value and attribute.
 *
 * <p>Keras itself must load the copies too. That check needs Python, so it runs by hand:
 * {@code mvn verify -Dtest=KerasRoundTripTest -Dseq2seq4j.keras.roundtrip.dir=DIR} keeps the
 * copies in DIR, then {@code python-export/h5_fixtures.py --verify DIR} loads them with Keras
 * and compares predictions, weights and optimizer variables with the originals.
 */
class KerasRoundTripTest {

  private static final String KEEP_DIR = "seq2seq4j.keras.roundtrip.dir";

  private static Path outputDir(Path tmp) throws IOException {
    String keep = System.getProperty(KEEP_DIR);
    return keep == null ? tmp : Files.createDirectories(Path.of(keep));
  }

  private static Map<String, String> snapshot(H5Reader reader) {
    Map<String, String> snapshot = H5Trees.snapshot(reader.root());
    assertTrue(snapshot.size() > 20, "only " + snapshot.size() + " entries in "
        + reader.source());
    return snapshot;
  }

  @Test
  void kerasArchiveRoundTrips(@TempDir Path tmp) throws IOException {
    KerasZip original = KerasZip.read(KerasFixtures.file("lstm_seq2seq.keras"));
    H5Writer writer = new H5Writer();
    Map<String, String> before;
    try (H5Reader weights = original.openWeights()) {
      before = snapshot(weights);
      H5Trees.copy(weights.root(), writer.root());
    }
    Path copy = outputDir(tmp).resolve("lstm_seq2seq.keras");
    KerasZip.write(copy, original.configJson(), original.metadataJson().orElseThrow(),
        writer.toBytes());

    KerasZip reread = KerasZip.read(copy);
    assertEquals(original.configJson(), reread.configJson());
    assertEquals(original.metadataJson(), reread.metadataJson());
    assertEquals(Optional.of("3.8.0"), reread.kerasVersion());
    assertEquals(original.entryNames(), reread.entryNames());
    try (H5Reader weights = reread.openWeights()) {
      assertEquals(before, snapshot(weights));
    }
    // Stored, in Keras's order, as Python's zipfile writes it.
    try (ZipFile zip = new ZipFile(copy.toFile())) {
      List<String> names = new ArrayList<>();
      for (ZipEntry entry : Collections.list(zip.entries())) {
        names.add(entry.getName());
        assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName());
      }
      assertEquals(List.of("metadata.json", "config.json", "model.weights.h5"), names);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm_seq2seq.h5", "lstm_seq2seq.weights.h5",
      "lstm_seq2seq_weights_legacy.h5"})
  void hdf5FilesRoundTrip(String name, @TempDir Path tmp) throws IOException {
    H5Writer writer = new H5Writer();
    Map<String, String> before;
    try (H5Reader original = KerasFixtures.open(name)) {
      before = snapshot(original);
      H5Trees.copy(original.root(), writer.root());
    }
    Path copy = outputDir(tmp).resolve(name);
    writer.writeTo(copy);
    try (H5Reader reread = H5Reader.open(copy)) {
      assertEquals(before, snapshot(reread));
    }
  }

  /** Names enough to pass Keras's 64512-byte attribute limit, checked with Keras by hand. */
  @Test
  void chunkedNamesForKeras(@TempDir Path tmp) throws IOException {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      names.add(String.format("layer_%04d/sequential/layer_%04d/kernel", i, i));
    }
    H5Writer writer = new H5Writer();
    writer.root().group("model_weights").attribute("weight_names", names);
    Path file = outputDir(tmp).resolve("chunked_names.h5");
    writer.writeTo(file);
    try (H5Reader reader = H5Reader.open(file)) {
      H5Group group = reader.root().requireGroup("model_weights");
      assertEquals(Optional.of(names), group.stringListAttribute("weight_names"));
      assertEquals(2, group.attributeNames().size());
    }
  }
}
