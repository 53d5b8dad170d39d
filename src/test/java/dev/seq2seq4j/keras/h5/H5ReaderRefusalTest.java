package dev.seq2seq4j.keras.h5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.keras.KerasFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the reader refuses, and that each refusal is a one-line {@link KerasFileException}
 * naming the file, the HDF5 path and the problem.
 */
class H5ReaderRefusalTest {

  private static final Duration FAST = Duration.ofSeconds(2);

  /** Runs a read on the edge-case file and returns the refusal's message. */
  private static String refusal(Function<H5Group, Object> read) {
    return refusal(H5Limits.DEFAULT, read);
  }

  private static String refusal(H5Limits limits, Function<H5Group, Object> read) {
    return assertTimeoutPreemptively(FAST, () -> {
      try (H5Reader reader = H5Reader.open(KerasFixtures.file(KerasFixtures.EDGE_CASES),
          limits)) {
        KerasFileException e = assertThrows(KerasFileException.class,
            () -> read.apply(reader.root()));
        String message = e.getMessage();
        assertTrue(message.startsWith(KerasFixtures.file(KerasFixtures.EDGE_CASES).toString()),
            message);
        assertEquals(-1, message.indexOf('\n'), message);
        return message;
      }
    });
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' not in: " + message);
    }
  }

  @Test
  void nonFloatDatasetsAreRefusedByTypeName() {
    assertContains(refusal(r -> r.readFloats("data/i32")), "at /data/i32", "int32");
    assertContains(refusal(r -> r.readFloats("data/strings")), "at /data/strings", "string");
    assertContains(refusal(r -> r.readFloats("data/compound")), "compound");
    assertContains(refusal(r -> r.readLongs("data/f64")), "float64", "not an integer");
    assertContains(refusal(r -> r.readFloats("data")), "at /data", "is a group");
    assertContains(refusal(r -> r.readFloats("data/nothing")), "no such dataset");
  }

  @Test
  void chunkedAndCompressedDatasetsAreRefused() {
    assertContains(refusal(r -> r.readFloats("data/chunked_plain")), "uses chunked storage,",
        "only contiguous and compact");
    assertContains(refusal(r -> r.readFloats("data/chunked_deflate")),
        "chunked storage with deflate");
    assertArrayEquals(new long[] {4, 4}, assertTimeoutPreemptively(FAST, () -> {
      try (H5Reader reader = KerasFixtures.open(KerasFixtures.EDGE_CASES)) {
        return reader.root().datasetShape("data/chunked_plain");
      }
    }));
  }

  @Test
  void datasetsClaimingHugeSizesFailBeforeAnyAllocation() {
    // 10^12 float32 elements in a few hundred bytes of header.
    assertContains(refusal(r -> r.readFloats("huge/contiguous")), "[1000000, 1000000]",
        "more elements than the limit of 268435456");
    assertContains(refusal(r -> r.readFloats("huge/chunked")), "than the limit");
    assertContains(refusal(H5Limits.DEFAULT.withMaxElements(Long.MAX_VALUE),
        r -> r.readFloats("huge/chunked")), "more elements than a Java array can hold");
    // With the per-dataset bound lifted, Java's array bound still refuses it.
    assertContains(refusal(H5Limits.DEFAULT.withMaxElements(Long.MAX_VALUE),
        r -> r.readFloats("huge/contiguous")), "more elements than a Java array can hold");
    assertContains(refusal(r -> r.readFloats("huge/unwritten")), "no stored data");
    assertArrayEquals(new long[] {1_000_000, 1_000_000},
        assertTimeoutPreemptively(FAST, () -> {
          try (H5Reader reader = KerasFixtures.open(KerasFixtures.EDGE_CASES)) {
            return reader.root().datasetShape("huge/contiguous");
          }
        }));
  }

  @Test
  void aDatasetClaimingMoreBytesThanTheFileFailsOnTheFileSize() throws Exception {
    byte[] file = Files.readAllBytes(KerasFixtures.file(KerasFixtures.EDGE_CASES));
    // data/f32_3x7's dataspace: dims (3, 7), then the same maximum dims. Claim (3, 7e6).
    ByteBuffer pattern = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(3).putLong(7);
    int patched = 0;
    for (int at = 0; at + 16 <= file.length; at++) {
      if (ByteBuffer.wrap(file, at, 16).equals(pattern.rewind())) {
        ByteBuffer.wrap(file, at + 8, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(7_000_000L);
        patched++;
      }
    }
    assertEquals(2, patched);
    String message = assertTimeoutPreemptively(FAST, () -> {
      try (H5Reader reader = H5Reader.fromBytes("patched.h5", file)) {
        assertArrayEquals(new long[] {3, 7_000_000}, reader.root().datasetShape("data/f32_3x7"));
        return assertThrows(KerasFileException.class,
            () -> reader.root().readFloats("data/f32_3x7")).getMessage();
      }
    });
    assertContains(message, "patched.h5 at /data/f32_3x7", "beyond the end of the");
  }

  @Test
  void limitsBoundDepthChildrenAndTotals() {
    H5Limits shallow = H5Limits.DEFAULT.withMaxDepth(1);
    assertContains(refusal(shallow, r -> r.requireGroup("links/soft_group")),
        "at /links/soft_group", "deeper than the limit of 1");
    // h5py's groups are symbol tables, counted before jHDF lists them; jHDF's are counted
    // after.
    assertContains(refusal(H5Limits.DEFAULT.withMaxChildren(3), H5Group::childNames),
        "at /: lists more children than the limit of 3");
    assertContains(refusal(H5Limits.DEFAULT.withMaxChildren(3), H5Group::attributeNames),
        "attributes, more than the limit of 3");
    assertContains(refusal(H5Limits.DEFAULT.withMaxTotalElements(20), r -> {
      r.readFloats("data/f64");
      return r.readFloats("data/f32_3x7");
    }), "limit of 20 elements per file");
    assertContains(refusal(H5Limits.DEFAULT.withMaxAttributeBytes(8),
        r -> r.stringListAttribute("vlen_list")), "vlen_list", "limit of 8 bytes");
    // Each chunk (3 and 2 names of 14 bytes) fits 50 bytes; together they do not.
    assertContains(refusal(H5Limits.DEFAULT.withMaxAttributeBytes(50),
        r -> r.requireGroup("chunked").stringListAttribute("weight_names")),
        "weight_names1", "limit of 50 bytes");
  }

  @Test
  void brokenCyclicAndExternalLinksAreRefused() {
    assertContains(refusal(r -> r.readFloats("links/dangling")), "at /links/dangling",
        "/no/such/thing", "does not exist");
    assertContains(refusal(r -> r.group("links/self_loop")), "soft links form a loop");
    assertContains(refusal(r -> r.group("links/up")), "at /links/up", "cycle");
    assertContains(refusal(r -> r.group("links/external")), "external link", "other.h5");
    assertContains(refusal(r -> r.group("cycle/parent")), "at /cycle/parent", "cycle");
    // A walk over the whole file meets every one of them and stops, never loops.
    refusal(H5Trees::readAll);
  }

  @Test
  void attributesOfTheWrongKindAreRefused() {
    assertContains(refusal(r -> r.stringAttribute("fixed_list")), "attribute 'fixed_list'",
        "list of 2 strings, not one string");
    assertContains(refusal(r -> r.stringListAttribute("numpy_bytes")),
        "one string, not a list");
    assertContains(refusal(r -> r.stringAttribute("int_attr")), "int64, not a string");
    assertContains(refusal(r -> r.stringListAttribute("int_attr")), "int64");
  }

  @Test
  void pathsMustBeRelativeAndPlain() {
    try (H5Reader reader = KerasFixtures.open(KerasFixtures.EDGE_CASES)) {
      for (String bad : new String[] {"", "/data", "data/../data", "data//f64", "./data"}) {
        assertThrows(IllegalArgumentException.class, () -> reader.root().group(bad), bad);
      }
    }
  }

  @Test
  void filesThatAreNotHdf5AreNamedForWhatTheyAre(@TempDir Path tmp) throws Exception {
    Path zip = KerasFixtures.file("lstm_seq2seq.keras");
    assertContains(assertThrows(KerasFileException.class, () -> H5Reader.open(zip))
        .getMessage(), "is a zip archive");
    Path json = Files.writeString(tmp.resolve("model.weights.json"), "{\"weight_map\": {}}");
    assertContains(assertThrows(KerasFileException.class, () -> H5Reader.open(json))
        .getMessage(), "sharded-weights index", "not an HDF5 file", "ShardedWeights");
    Path text = Files.writeString(tmp.resolve("notes.h5"), "just some text here");
    assertContains(assertThrows(KerasFileException.class, () -> H5Reader.open(text))
        .getMessage(), "notes.h5: is not an HDF5 file");
    Path tiny = Files.write(tmp.resolve("tiny.h5"), new byte[] {(byte) 0x89, 'H'});
    assertContains(assertThrows(KerasFileException.class, () -> H5Reader.open(tiny))
        .getMessage(), "too short");
    assertContains(assertThrows(KerasFileException.class,
        () -> H5Reader.open(tmp.resolve("absent.h5"))).getMessage(), "does not exist");
    assertContains(assertThrows(KerasFileException.class, () -> H5Reader.open(tmp))
        .getMessage(), "not a regular file");
    Path fixture = KerasFixtures.file(KerasFixtures.EDGE_CASES);
    assertContains(assertThrows(KerasFileException.class,
        () -> H5Reader.open(fixture, H5Limits.DEFAULT.withMaxFileBytes(1000))).getMessage(),
        "more than the limit of 1000");
    byte[] head = Files.readAllBytes(fixture);
    assertContains(assertThrows(KerasFileException.class,
        () -> H5Reader.fromBytes("cut.h5", Arrays.copyOf(head, 4000))).getMessage(),
        "cut.h5: truncated");
  }

  @Test
  void closedReadersRefuseUse() {
    H5Reader reader = KerasFixtures.open(KerasFixtures.EDGE_CASES);
    H5Group root = reader.root();
    reader.close();
    reader.close(); // idempotent
    Executable use = root::childNames;
    assertThrows(IllegalStateException.class, use);
    assertThrows(IllegalStateException.class, reader::root);
  }
}
