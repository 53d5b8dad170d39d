package dev.seq2seq4j.train.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved weights: exact round trip, and every kind of damage found and named. */
class SavedWeightsTest {
  private static Weights weights() {
    Map<String, FloatBlock> w = new LinkedHashMap<>();
    w.put("lstm/cell/kernel", FloatBlock.of(new float[] {1.5f, -2f, Float.MIN_VALUE, 3e38f}, 2, 2));
    w.put("lstm/cell/bias", FloatBlock.of(new float[] {0.1f, 0.2f}, 2));
    w.put("attention/scale", FloatBlock.of(new float[] {7f}));
    return Weights.of(w);
  }

  @Test
  void roundTripIsExact(@TempDir Path tmp) {
    Path dir = tmp.resolve("w");
    SavedWeights.save(dir, weights(), Map.of("recipe", "reverse-mlp", "config", Map.of("seed", 3)));
    SavedWeights loaded = SavedWeights.load(dir);
    assertEquals(weights(), loaded.weights());
    assertEquals(List.copyOf(weights().names()), List.copyOf(loaded.weights().names()));
    assertEquals("reverse-mlp", loaded.metadata().get("recipe"));
  }

  @Test
  void damageToEitherFileIsNamed(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("w");
    SavedWeights.save(dir, weights(), Map.of("note", "x"));
    Path bin = dir.resolve("weights.bin");
    Path json = dir.resolve("weights.json");
    byte[] goodBin = Files.readAllBytes(bin);
    byte[] goodJson = Files.readAllBytes(json);

    byte[] flipped = goodBin.clone();
    flipped[20] ^= 1; // a value of lstm/cell/kernel
    Files.write(bin, flipped);
    assertFails(dir, "tensor 'lstm/cell/kernel' does not match its checksum");

    Files.write(bin, Arrays.copyOf(goodBin, goodBin.length - 4));
    assertFails(dir, "does not fit in weights.bin");

    Files.write(bin, concat(goodBin, new byte[4]));
    assertFails(dir, "holds 32 bytes of values, but the index lists 28");

    Files.write(bin, goodBin);
    Files.write(json, new String(goodJson, StandardCharsets.UTF_8).replace("\"x\"", "\"y\"")
        .getBytes(StandardCharsets.UTF_8));
    assertFails(dir, "weights.json does not match the checksum in weights.bin");

    Files.write(json, goodJson);
    Files.delete(bin);
    assertFails(dir, "expected weights.json and weights.bin");
  }

  @Test
  void nonFiniteValuesAreRefusedEvenWithValidChecksums(@TempDir Path tmp) {
    for (float bad : new float[] {Float.NaN, Float.NEGATIVE_INFINITY}) {
      Map<String, FloatBlock> values = new LinkedHashMap<>(weights().asMap());
      FloatBlock kernel = values.get("lstm/cell/kernel");
      float[] data = kernel.data().clone();
      data[1] = bad;
      values.put("lstm/cell/kernel", FloatBlock.wrap(data, kernel.shape()));
      Path dir = tmp.resolve("w" + bad);
      SavedWeights.save(dir, Weights.of(values), Map.of());
      assertFails(dir, "tensor 'lstm/cell/kernel' holds " + bad);
    }
  }

  @Test
  void unknownVersionsAndShapesAreRefused(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("w");
    SavedWeights.save(dir, weights(), Map.of());
    Path json = dir.resolve("weights.json");
    String good = Files.readString(json);
    Files.writeString(json, good.replace("\"version\" : 2", "\"version\" : 3"));
    assertFails(dir, "has format version 3, which this seq2seq4j cannot read");
    // A version 1 folder (no header, no checksums) gets the same answer, not a checksum error.
    Files.writeString(json, good.replace("\"version\" : 2", "\"version\" : 1"));
    assertFails(dir, "has format version 1");

    // A shape whose size disagrees with the stored values, with the checksums made consistent.
    rewriteIndex(dir, good.replace("\"shape\" : [ 2 ]", "\"shape\" : [ 9 ]"));
    assertFails(dir, "does not fit in weights.bin");
    rewriteIndex(dir, good.replace("\"shape\" : [ 2, 2 ]", "\"shape\" : [ 2, -2 ]"));
    assertFails(dir, "must be >= 0");
  }

  @Test
  void replacingKeepsOneCompleteCopyAndRefusesForeignFolders(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("w");
    SavedWeights.save(dir, weights(), Map.of("n", 1));
    SavedWeights.save(dir, weights(), Map.of("n", 2));
    assertEquals(2, SavedWeights.load(dir).metadata().get("n"));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(dir), s.toList(), "no leftovers beside the folder");
    }
    Path other = tmp.resolve("notes");
    Files.createDirectories(other);
    Files.writeString(other.resolve("keep.txt"), "precious");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SavedWeights.save(other, weights(), Map.of()));
    assertTrue(e.getMessage().contains("refusing"), e.getMessage());
    assertEquals("precious", Files.readString(other.resolve("keep.txt")));
    assertFails(tmp.resolve("missing"), "checkpoint folder not found");
  }

  /** Writes a new index and fixes the header's checksum, as a buggy writer might have. */
  private static void rewriteIndex(Path dir, String json) throws Exception {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("weights.json"), bytes);
    byte[] bin = Files.readAllBytes(dir.resolve("weights.bin"));
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    ByteBuffer.wrap(bin, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
    Files.write(dir.resolve("weights.bin"), bin);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static void assertFails(Path dir, String fragment) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SavedWeights.load(dir));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
