package dev.seq2seq4j.keras.h5;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.seq2seq4j.keras.KerasFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged copies of the Keras fixtures (cut short, bits flipped at seeded positions) end in a
 * {@link KerasFileException} or in a normal read, quickly: never in another exception, an
 * error such as {@code OutOfMemoryError} or {@code StackOverflowError}, or a hang.
 */
class HostileFilesTest {

  /** Small limits, so that a corrupt size that slips through costs little. */
  private static final H5Limits LIMITS = H5Limits.DEFAULT.withMaxElements(1 << 20)
      .withMaxTotalElements(1 << 22).withMaxAttributeBytes(1 << 20);
  private static final Duration BUDGET = Duration.ofSeconds(90);
  /** More variants or another seed for a deeper run by hand: -Dseq2seq4j.fuzz.variants=N. */
  private static final int VARIANTS = Integer.getInteger("seq2seq4j.fuzz.variants", 500);
  private static final long SEED = Long.getLong("seq2seq4j.fuzz.seed", 20261201L);

  /**
   * The HDF5 bytes of every fixture (a .keras contributes its weights entry), and one file
   * written here.
   */
  private static Map<String, byte[]> hdf5Fixtures() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : KerasFixtures.MODEL_FILES) {
      files.put(name, name.endsWith(".keras")
          ? KerasZip.read(KerasFixtures.file(name)).weightsBytes()
          : Files.readAllBytes(KerasFixtures.file(name)));
    }
    files.put(KerasFixtures.EDGE_CASES,
        Files.readAllBytes(KerasFixtures.file(KerasFixtures.EDGE_CASES)));
    // jHDF writes HDF5's newer structures (superblock 2, checksummed version 2 headers).
    H5Writer copy = new H5Writer();
    try (H5Reader original = KerasFixtures.open("lstm_seq2seq.h5")) {
      H5Trees.copy(original.root(), copy.root());
    }
    files.put("lstm_seq2seq.h5 as written by H5Writer", copy.toBytes());
    return files;
  }

  /** Counts how damaged inputs ended. */
  private static final class Outcomes {
    int refused;
    int read;
    final List<String> samples = new ArrayList<>();

    void record(String what, Runnable read) {
      try {
        read.run();
        this.read++;
      } catch (KerasFileException e) {
        refused++;
        if (e.getMessage().indexOf('\n') >= 0) {
          fail(what + ": message spans lines: " + e.getMessage());
        }
        if (samples.size() < 3) {
          samples.add(e.getMessage());
        }
      } catch (Throwable t) {
        throw new AssertionError(what + " ended in " + t, t);
      }
    }

    @Override
    public String toString() {
      return refused + " refused, " + read + " read whole; e.g. " + samples;
    }
  }

  /**
   * Opens a file and reads every part of it, going on past parts that are refused so that
   * one damaged file exercises as much of the reader as it can; throws the first refusal.
   */
  private static void readWhole(String name, byte[] bytes) {
    List<KerasFileException> refusals = new ArrayList<>();
    try (H5Reader reader = H5Reader.fromBytes(name, bytes, LIMITS)) {
      probe(reader.root(), refusals);
    }
    if (!refusals.isEmpty()) {
      throw refusals.get(0);
    }
  }

  private static void probe(H5Group group, List<KerasFileException> refusals) {
    attempt(refusals, () -> {
      for (String attribute : group.attributeNames()) {
        attempt(refusals, () -> {
          try {
            group.stringListAttribute(attribute);
          } catch (KerasFileException notAList) {
            group.stringAttribute(attribute);
          }
        });
      }
    });
    List<String> children = new ArrayList<>();
    attempt(refusals, () -> children.addAll(group.childNames()));
    for (String child : children) {
      attempt(refusals, () -> {
        if (group.isGroup(child)) {
          probe(group.requireGroup(child), refusals);
        } else if (group.datasetType(child).startsWith("float")) {
          group.readFloats(child);
        } else {
          group.readLongs(child);
        }
      });
    }
  }

  private static void attempt(List<KerasFileException> refusals, Runnable part) {
    try {
      part.run();
    } catch (KerasFileException e) {
      refusals.add(e);
    }
  }

  @Test
  void truncatedFilesAreRefused() throws IOException {
    Map<String, byte[]> files = hdf5Fixtures();
    Outcomes outcomes = new Outcomes();
    Outcomes recut = new Outcomes();
    assertTimeoutPreemptively(BUDGET, () -> {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        byte[] whole = file.getValue();
        List<Integer> lengths = new ArrayList<>(List.of(0, 7, 8, 9, 47, 48, 96, 511, 512,
            1024, 2047, whole.length - 1));
        for (int i = 1; i < 40; i++) {
          lengths.add(whole.length * i / 40);
        }
        for (int length : lengths) {
          String what = file.getKey() + " cut to " + length + " bytes";
          outcomes.record(what, () -> readWhole(what, Arrays.copyOf(whole, length)));
          if (length >= 48 && whole[8] == 0) {
            // Superblock version 0 (h5py's) has no checksum: claim the cut length as the
            // file's end, so that reading runs into the missing part instead.
            byte[] cut = Arrays.copyOf(whole, length);
            ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putLong(40, length);
            String patched = what + " with its end-of-file address patched";
            recut.record(patched, () -> readWhole(patched, cut));
          }
        }
      }
    });
    // A file missing its end fails the end-of-file check before anything else is read.
    assertTrue(outcomes.read == 0, outcomes.toString());
    assertTrue(recut.refused > 100, recut.toString());
  }

  @Test
  void flippedBitsEndInRefusalOrARead() throws IOException {
    Map<String, byte[]> files = hdf5Fixtures();
    Outcomes outcomes = new Outcomes();
    Random random = new Random(SEED);
    assertTimeoutPreemptively(BUDGET.plusMillis(20L * VARIANTS), () -> {
      for (int variant = 0; variant < VARIANTS; variant++) {
        String name = List.copyOf(files.keySet()).get(variant % files.size());
        byte[] bytes = files.get(name).clone();
        // HDF5 metadata (superblock, headers, B-trees, heaps) sits mostly in the first few
        // KiB; aim most flips there, the rest anywhere.
        int flips = 1 + random.nextInt(3);
        StringBuilder where = new StringBuilder();
        for (int f = 0; f < flips; f++) {
          int at = random.nextInt(4) > 0 ? random.nextInt(Math.min(bytes.length, 6000))
              : random.nextInt(bytes.length);
          int bit = random.nextInt(8);
          bytes[at] ^= (byte) (1 << bit);
          where.append(' ').append(at).append(':').append(bit);
        }
        String what = "variant " + variant + " of " + name + " (byte:bit" + where + ")";
        outcomes.record(what, () -> readWhole(what, bytes));
      }
    });
    assertTrue(outcomes.refused > 50 && outcomes.read > 50, outcomes.toString());
  }

  @Test
  void flippedBitsInAKerasArchiveEndInRefusalOrARead(@TempDir Path tmp) throws IOException {
    byte[] archive = Files.readAllBytes(KerasFixtures.file("lstm_seq2seq.keras"));
    Outcomes outcomes = new Outcomes();
    Random random = new Random(7);
    assertTimeoutPreemptively(BUDGET, () -> {
      for (int variant = 0; variant < 150; variant++) {
        byte[] bytes = archive.clone();
        int at = random.nextInt(bytes.length);
        bytes[at] ^= (byte) (1 << random.nextInt(8));
        Path file = Files.write(tmp.resolve("variant.keras"), bytes);
        String what = "archive variant " + variant + " (byte " + at + ")";
        outcomes.record(what, () -> {
          KerasZip zip = KerasZip.read(file, LIMITS);
          try (H5Reader reader = zip.openWeights()) {
            H5Trees.readAll(reader.root());
          }
        });
      }
    });
    // Stored entries are checksummed, so a flip anywhere but in unchecked header fields fails.
    assertTrue(outcomes.refused > 100, outcomes.toString());
  }
}
