package dev.seq2seq4j.robustness;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte ranges of an intact HDF5 file that no checksum covers and whose change still leaves
 * a valid file: the raw data of each contiguous dataset (weight values) and the text of the
 * {@code model_config} and {@code training_config} attributes. Damage wholly inside one of
 * them describes a different but well-formed model, which no reader can tell from the real
 * one; damage anywhere else must be refused or make no difference. Found with jHDF directly,
 * independently of the reader under test.
 */
final class UncheckedRegions {

  private static final List<String> CONFIG_ATTRIBUTES = List.of("model_config",
      "training_config");

  private final List<long[]> ranges = new ArrayList<>();

  private UncheckedRegions() {}

  /**
   * The regions of one file.
   *
   * @param hdf5 an intact HDF5 file's bytes
   * @return its unchecked regions
   */
  static UncheckedRegions of(byte[] hdf5) {
    UncheckedRegions regions = new UncheckedRegions();
    try (HdfFile file = HdfFile.fromBytes(hdf5)) {
      regions.walk(file, hdf5);
    }
    return regions;
  }

  private void walk(Group group, byte[] bytes) {
    for (String name : CONFIG_ATTRIBUTES) {
      Attribute attribute = group.getAttribute(name);
      if (attribute != null && attribute.getData() instanceof String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, utf8);
        if (at >= 0) {
          ranges.add(new long[] {at, at + utf8.length});
        }
      }
    }
    for (Node child : group.getChildren().values()) {
      if (child instanceof Group g) {
        walk(g, bytes);
      } else if (child instanceof ContiguousDataset c && child instanceof Dataset d) {
        long address = c.getDataAddress();
        ranges.add(new long[] {address, address + d.getSizeInBytes()});
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Whether the damage lies wholly inside one unchecked region.
   *
   * @param damage the damage to the file these regions came from
   * @return true if no check could have caught it
   */
  boolean covers(ByteDamage damage) {
    for (long[] r : ranges) {
      if (damage.within(r[0], r[1])) {
        return true;
      }
    }
    return false;
  }

  /** How many regions were found, for a sanity check. */
  int size() {
    return ranges.size();
  }
}
