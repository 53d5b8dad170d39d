package dev.seq2seq4j.keras.h5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.seq2seq4j.keras.KerasFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KerasZip} reads Keras's archives, writes them as Keras does, and refuses the rest. */
class KerasZipTest {

  private static final Duration FAST = Duration.ofSeconds(5);
  private static final String CONFIG = "{\"class_name\": \"Sequential\", \"config\": {}}";
  private static final String METADATA =
      "{\"keras_version\": \"3.8.0\", \"date_saved\": \"2026-12-01@20:29:17\"}";

  @TempDir
  Path tmp;

  private static byte[] weights() {
    H5Writer writer = new H5Writer();
    writer.root().group("vars").attribute("name", "sequential");
    return writer.toBytes();
  }

  /** A zip of the given entries, deflated unless the name ends in ".stored". */
  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static Map<String, byte[]> kerasEntries() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("metadata.json", METADATA.getBytes(StandardCharsets.UTF_8));
    entries.put("config.json", CONFIG.getBytes(StandardCharsets.UTF_8));
    entries.put("model.weights.h5", weights());
    return entries;
  }

  private String refusal(byte[] archive) throws IOException {
    return refusal(archive, H5Limits.DEFAULT);
  }

  private String refusal(byte[] archive, H5Limits limits) throws IOException {
    Path file = Files.write(tmp.resolve("hostile.keras"), archive);
    return assertTimeoutPreemptively(FAST, () -> {
      KerasFileException e = assertThrows(KerasFileException.class,
          () -> KerasZip.read(file, limits));
      assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
      assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
      return e.getMessage();
    });
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' not in: " + message);
    }
  }

  /** Replaces every occurrence of a byte string (names sit in local and central headers). */
  private static byte[] replaceAll(byte[] data, String from, String to) {
    byte[] a = from.getBytes(StandardCharsets.UTF_8);
    byte[] b = to.getBytes(StandardCharsets.UTF_8);
    assertEquals(a.length, b.length);
    byte[] out = data.clone();
    int count = 0;
    for (int i = 0; i + a.length <= out.length; i++) {
      if (ByteBuffer.wrap(out, i, a.length).equals(ByteBuffer.wrap(a))) {
        System.arraycopy(b, 0, out, i, b.length);
        count++;
      }
    }
    assertTrue(count >= 2, "expected '" + from + "' in both headers, found " + count);
    return out;
  }

  @Test
  void readsTheKerasWrittenArchive() {
    KerasZip archive = KerasZip.read(KerasFixtures.file("lstm_seq2seq.keras"));
    assertEquals(List.of("metadata.json", "config.json", "model.weights.h5"),
        archive.entryNames());
    assertTrue(archive.configJson().startsWith("{\"module\": \"keras\", \"class_name\": "
        + "\"Sequential\""), archive.configJson());
    assertEquals(Optional.of("3.8.0"), archive.kerasVersion());
    try (H5Reader weights = archive.openWeights()) {
      assertTrue(weights.source().endsWith("lstm_seq2seq.keras (model.weights.h5)"));
      assertTrue(weights.root().isDataset("layers/lstm/cell/vars/0"));
    }
  }

  @Test
  void writesWhatItReadsAndWhatKerasWrites() throws IOException {
    Path file = tmp.resolve("model.keras");
    byte[] weights = weights();
    KerasZip.write(file, CONFIG, KerasZip.metadata("3.8.0",
        LocalDateTime.of(2026, 12, 1, 20, 29, 17)), weights);
    KerasZip archive = KerasZip.read(file);
    assertEquals(CONFIG, archive.configJson());
    assertEquals(Optional.of(METADATA), archive.metadataJson());
    assertEquals(List.of("metadata.json", "config.json", "model.weights.h5"),
        archive.entryNames());
    assertEquals(ByteBuffer.wrap(weights), ByteBuffer.wrap(archive.weightsBytes()));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
    }
  }

  @Test
  void writingChecksItsInputAndItsTarget() {
    byte[] weights = weights();
    assertThrows(IllegalArgumentException.class,
        () -> KerasZip.write(tmp.resolve("a.keras"), "[1]", METADATA, weights));
    assertThrows(IllegalArgumentException.class,
        () -> KerasZip.write(tmp.resolve("a.keras"), CONFIG, "{oops", weights));
    assertThrows(IllegalArgumentException.class,
        () -> KerasZip.write(tmp.resolve("a.keras"), CONFIG, METADATA, new byte[100]));
    KerasFileException e = assertThrows(KerasFileException.class,
        () -> KerasZip.write(tmp.resolve("missing/a.keras"), CONFIG, METADATA, weights));
    assertContains(e.getMessage(), "folder does not exist");
    assertTrue(Files.notExists(tmp.resolve("missing")));
  }

  @Test
  void entryNamesThatClimbOrAreAbsoluteAreRefused() throws IOException {
    for (String bad : new String[] {"../x", "assets/../../x", "/etc/passwd", "\\x",
        "C:\\x", "a\\..\\..\\b"}) {
      Map<String, byte[]> entries = kerasEntries();
      entries.put(bad, new byte[] {1});
      assertContains(refusal(zip(entries)), "entry '" + bad + "'");
    }
  }

  @Test
  void duplicateEntriesAreRefused() throws IOException {
    Map<String, byte[]> entries = kerasEntries();
    entries.put("config.jsoX", "{\"class_name\": \"Evil\"}".getBytes(StandardCharsets.UTF_8));
    byte[] twice = replaceAll(zip(entries), "config.jsoX", "config.json");
    assertContains(refusal(twice), "entry 'config.json'", "more than once");
  }

  @Test
  void zipBombsFailWhileInflating() throws IOException {
    Map<String, byte[]> entries = kerasEntries();
    byte[] bomb = new byte[8 << 20]; // 8 MiB of zeros deflate to a few KiB
    bomb[0] = (byte) 0x89;
    entries.put("model.weights.h5", bomb);
    byte[] honest = zip(entries);
    assertTrue(honest.length < 100_000, honest.length + " bytes");
    assertContains(refusal(honest, H5Limits.DEFAULT.withMaxFileBytes(1 << 20)),
        "entry model.weights.h5", "declares 8388608 bytes, more than the limit");
    // The same bomb claiming 1000 bytes in both headers: the claim is not trusted.
    byte[] lying = patchDeclaredSize(honest, 8 << 20, 1000);
    assertContains(refusal(lying), "entry model.weights.h5",
        "inflates past its declared size of 1000 bytes");
  }

  @Test
  void zipBombsAreRefusedByTheirRatioBeforeTheirClaimIsAllocated() throws IOException {
    Map<String, byte[]> entries = kerasEntries();
    byte[] bomb = new byte[8 << 20];
    bomb[0] = (byte) 0x89;
    entries.put("model.weights.h5", bomb);
    byte[] honest = zip(entries);
    // Under the default 2 GiB limit the 8 MiB of zeros from a few KiB is still refused.
    assertContains(refusal(honest), "entry model.weights.h5", "declares 8388608 bytes",
        "100:1 ratio");
    // Claiming nearly 2 GiB costs no memory: the claim is checked before any buffer exists.
    byte[] claimsGigabytes = patchDeclaredSize(honest, 8 << 20, 2_000_000_000);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertContains(refusal(claimsGigabytes), "declares 2000000000 bytes", "ratio");
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 32L << 20, "allocated " + allocated + " bytes");
  }

  @Test
  void aStoredEntryCannotClaimMoreThanTheArchiveHolds() throws IOException {
    Path file = tmp.resolve("model.keras");
    KerasZip.write(file, CONFIG, METADATA, weights());
    byte[] bytes = Files.readAllBytes(file);
    int size = weights().length;
    byte[] claims = patchDeclaredSize(bytes, size, 1_500_000_000);
    assertContains(refusal(claims), "entry model.weights.h5");
  }

  /** Rewrites an entry's uncompressed size in its local and central headers. */
  private static byte[] patchDeclaredSize(byte[] zip, int from, int to) {
    byte[] out = zip.clone();
    ByteBuffer buffer = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    int patched = 0;
    for (int i = 0; i + 30 < out.length; i++) {
      int signature = buffer.getInt(i);
      int sizeAt = signature == 0x04034b50 ? i + 22 : signature == 0x02014b50 ? i + 24 : -1;
      if (sizeAt > 0 && buffer.getInt(sizeAt) == from) {
        buffer.putInt(sizeAt, to);
        patched++;
      }
    }
    // The local header of a streamed entry holds no size; its data descriptor does.
    for (int i = 0; i + 16 < out.length; i++) {
      if (buffer.getInt(i) == 0x08074b50 && buffer.getInt(i + 12) == from) {
        buffer.putInt(i + 12, to);
        patched++;
      }
    }
    assertTrue(patched >= 2, "patched " + patched + " headers");
    return out;
  }

  @Test
  void corruptEntriesFailTheirChecksum() throws IOException {
    Path file = tmp.resolve("model.keras");
    KerasZip.write(file, CONFIG, METADATA, weights());
    byte[] bytes = Files.readAllBytes(file);
    byte[] flipped = replaceAllOnce(bytes, "Sequential", "Sequentiak");
    assertContains(refusal(flipped), "entry config.json", "checksum");
  }

  private static byte[] replaceAllOnce(byte[] data, String from, String to) {
    String text = new String(data, StandardCharsets.ISO_8859_1);
    int at = text.indexOf(from);
    assertTrue(at >= 0);
    byte[] out = data.clone();
    byte[] b = to.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(b, 0, out, at, b.length);
    return out;
  }

  @Test
  void archivesThatAreNotKerasModelsSayWhy() throws IOException {
    Map<String, byte[]> noConfig = kerasEntries();
    noConfig.remove("config.json");
    assertContains(refusal(zip(noConfig)), "has no config.json");
    Map<String, byte[]> noWeights = kerasEntries();
    noWeights.remove("model.weights.h5");
    assertContains(refusal(zip(noWeights)), "has no model.weights.h5");
    Map<String, byte[]> npz = kerasEntries();
    npz.put("model.weights.npz", npz.remove("model.weights.h5"));
    assertContains(refusal(zip(npz)), "model.weights.npz", "only model.weights.h5");
    Map<String, byte[]> sharded = kerasEntries();
    sharded.remove("model.weights.h5");
    sharded.put("model.weights.json", "{\"weight_map\": {}}".getBytes(StandardCharsets.UTF_8));
    sharded.put("model_00000.weights.h5", weights());
    assertContains(refusal(zip(sharded)), "sharded weights", "not supported");
    Map<String, byte[]> notObject = kerasEntries();
    notObject.put("config.json", "[1, 2]".getBytes(StandardCharsets.UTF_8));
    assertContains(refusal(zip(notObject)), "entry config.json", "not a JSON object");
    Map<String, byte[]> notJson = kerasEntries();
    notJson.put("config.json", "{\"a\": ".getBytes(StandardCharsets.UTF_8));
    assertContains(refusal(zip(notJson)), "entry config.json", "not valid JSON");
    Map<String, byte[]> bigConfig = kerasEntries();
    assertContains(refusal(zip(bigConfig), H5Limits.DEFAULT.withMaxJsonBytes(10)),
        "entry config.json", "more than the limit of 10");
  }

  @Test
  void filesThatAreNotZipsSayWhat() throws IOException {
    assertContains(refusal(Files.readAllBytes(KerasFixtures.file("lstm_seq2seq.h5"))),
        "is an HDF5 file", "not a .keras zip");
    assertContains(refusal("hello, world".getBytes(StandardCharsets.UTF_8)),
        "is not a zip archive");
    assertContains(refusal(new byte[0]), "is not a zip archive");
    byte[] archive = zip(kerasEntries());
    byte[] noDirectory = Arrays.copyOf(archive, archive.length - 40);
    assertContains(refusal(noDirectory), "is not a valid zip archive");
    assertContains(assertThrows(KerasFileException.class,
        () -> KerasZip.read(tmp.resolve("absent.keras"))).getMessage(), "does not exist");
  }

  @Test
  void metadataIsFormattedAsKerasFormatsIt() {
    assertEquals(METADATA, KerasZip.metadata("3.8.0", LocalDateTime.of(2026, 12, 1, 20, 29, 17)));
  }
}
