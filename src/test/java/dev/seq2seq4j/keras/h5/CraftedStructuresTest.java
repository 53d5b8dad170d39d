package dev.seq2seq4j.keras.h5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.KerasFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Structures made on purpose to make jHDF's eager parsing explode, and the HDF5 formats no
 * Keras writer uses: each is refused quickly by name.
 */
class CraftedStructuresTest {

  private static final Duration FAST = Duration.ofSeconds(2);
  /** h5py's superblock version 0: where the end-of-file address and the root B-tree sit. */
  private static final int END_OF_FILE_AT = 40;
  private static final int ROOT_BTREE_AT = 80;
  private static final int NODE_SIZE = 24 + 5 * 8;

  private static byte[] legacyWeights() throws IOException {
    return Files.readAllBytes(KerasFixtures.file("lstm_seq2seq_weights_legacy.h5"));
  }

  /**
   * The root group's B-tree turned into a chain of {@code depth} inner nodes, each with two
   * references to the next: a few KiB that describe 2^depth paths to the same leaf. jHDF
   * alone builds a node object for every path.
   */
  private static byte[] btreeDag(byte[] original, int depth) {
    ByteBuffer in = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
    int root = (int) in.getLong(ROOT_BTREE_AT);
    long symbols = in.getLong(root + 24 + 8); // the leaf's one symbol table node
    ByteBuffer out = ByteBuffer.allocate(original.length + depth * NODE_SIZE)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put(original);
    long first = original.length;
    writeNode(out, root, depth + 1, 2, first);
    for (int i = 0; i < depth; i++) {
      int at = (int) (first + (long) i * NODE_SIZE);
      boolean last = i == depth - 1;
      writeNode(out, at, depth - 1 - i, last ? 1 : 2, last ? symbols : at + NODE_SIZE);
    }
    out.putLong(END_OF_FILE_AT, out.capacity());
    return out.array();
  }

  private static void writeNode(ByteBuffer out, int at, int level, int entries, long child) {
    out.position(at);
    out.put("TREE".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) level)
        .putShort((short) entries).putLong(-1).putLong(-1);
    for (int e = 0; e < entries; e++) {
      out.putLong(0).putLong(child);
    }
    out.putLong(0);
  }

  private static String refusal(byte[] file, Function<H5Group, Object> read) {
    return assertTimeoutPreemptively(FAST, () -> {
      try (H5Reader reader = H5Reader.fromBytes("crafted.h5", file)) {
        return assertThrows(KerasFileException.class, () -> read.apply(reader.root()))
            .getMessage();
      }
    });
  }

  @Test
  void theCraftedFileIsValidUntilItsBtreeIsShared() throws IOException {
    byte[] original = legacyWeights();
    try (H5Reader reader = H5Reader.fromBytes("original.h5", original)) {
      assertEquals(List.of("lstm", "lstm_1", "repeat_vector", "time_distributed",
          "top_level_model_weights"), reader.root().childNames());
    }
    // Depth 1: the chain is a single inner node over the leaf, referenced twice.
    String message = refusal(btreeDag(original, 1), H5Group::childNames);
    assertTrue(message.contains("refers to one node twice"), message);
  }

  @Test
  void anExponentialBtreeIsRefusedBeforeJhdfWalksIt() throws IOException {
    // 2^60 paths; jHDF on its own would never finish (or exhaust the heap first).
    String message = refusal(btreeDag(legacyWeights(), 60), H5Group::childNames);
    assertTrue(message.contains("crafted.h5 at /: has a B-tree that refers to one node twice"),
        message);
  }

  @Test
  void aBtreeThatPointsAtItselfIsRefused() throws IOException {
    byte[] file = legacyWeights();
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int root = (int) buffer.getLong(ROOT_BTREE_AT);
    writeNode(buffer, root, 1, 1, root);
    String message = refusal(file, r -> r.group("lstm"));
    assertTrue(message.contains("refers to one node twice"), message);
  }

  @Test
  void aVersion1HeaderThatContinuesIntoItselfIsRefused() throws IOException {
    byte[] file = legacyWeights();
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int root = (int) buffer.getLong(64); // the root group's object header (superblock v0)
    int messages = root + 16;
    int size = buffer.getInt(root + 8);
    // Its first message becomes a continuation into the block that holds it.
    buffer.putShort(messages, (short) 0x10).putShort(messages + 2, (short) 16);
    buffer.putLong(messages + 8, messages).putLong(messages + 16, size);
    String message = assertTimeoutPreemptively(FAST, () -> assertThrows(
        KerasFileException.class, () -> H5Reader.fromBytes("crafted.h5", file)).getMessage());
    assertTrue(message.contains("crafted.h5 at /: has an object header that continues into "
        + "one block twice"), message);
  }

  /**
   * A jHDF-written root header (version 2) whose link-info message becomes a continuation
   * into a block that continues into itself: jHDF alone recurses until the stack runs out,
   * collecting messages on the way. The block sits where jHDF's unreferenced version string
   * was, inside the file's recorded end, so the superblock stays valid.
   */
  @Test
  void aVersion2HeaderThatContinuesIntoItselfIsRefused() {
    H5Writer writer = new H5Writer();
    writer.root().dataset("layers/dense/vars/0", FloatBlock.of(new float[] {1, 2}, 2));
    byte[] file = writer.toBytes();
    int block = indexOf(file, "jHDF - ".getBytes(StandardCharsets.US_ASCII));
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    buffer.position(block);
    buffer.put("OCHK".getBytes(StandardCharsets.US_ASCII)).put((byte) 0x10).putShort((short) 16)
        .put((byte) 0).putLong(block).putLong(28).putInt(0);
    int linkInfo = -1;
    for (int at = 64 + 10; at < 64 + 200 && linkInfo < 0; ) {
      int type = file[at] & 0xff;
      int size = buffer.getShort(at + 1) & 0xffff;
      if (type == 0x02 && size >= 16) {
        linkInfo = at;
      }
      at += 4 + size;
    }
    assertTrue(linkInfo > 0, "the root header's link info message");
    buffer.put(linkInfo, (byte) 0x10).putLong(linkInfo + 4, block).putLong(linkInfo + 12, 28);
    String message = assertTimeoutPreemptively(FAST, () -> assertThrows(
        KerasFileException.class, () -> H5Reader.fromBytes("crafted.h5", file)).getMessage());
    assertTrue(message.contains("continues into one block twice"), message);
  }

  private static int indexOf(byte[] data, byte[] part) {
    for (int i = 0; i + part.length <= data.length; i++) {
      if (ByteBuffer.wrap(data, i, part.length).equals(ByteBuffer.wrap(part))) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void denseLinkAndAttributeStorageIsRefusedByName() {
    assertTimeoutPreemptively(FAST, () -> {
      try (H5Reader reader = H5Reader.open(KerasFixtures.file("dense_storage.h5"))) {
        H5Group compact = reader.root().requireGroup("compact");
        assertEquals(Optional.of("compact"), compact.stringAttribute("name"));
        assertEquals(3, compact.readFloats("x").size());
        KerasFileException links = assertThrows(KerasFileException.class,
            () -> reader.root().requireGroup("dense_links").childNames());
        assertTrue(links.getMessage().contains("at /dense_links: stores its links in HDF5's "
            + "dense format"), links.getMessage());
        KerasFileException attributes = assertThrows(KerasFileException.class,
            () -> reader.root().requireGroup("dense_attributes").attributeNames());
        assertTrue(attributes.getMessage().contains("stores its attributes in HDF5's dense"),
            attributes.getMessage());
      }
    });
  }
}
