package dev.seq2seq4j.keras.h5;

import java.util.ArrayList;
import java.util.List;

/**
 * Where Keras splits a list attribute that HDF5 cannot hold in one piece. Keras's {@code
 * save_attributes_to_hdf5_group} stores the list as one fixed-width byte-string array and,
 * while any part is over the limit, splits it into one more part with {@code np.array_split}
 * (the first {@code n % k} parts one element longer). Splitting the same way gives files
 * the structure of Keras's own. The one difference: jHDF stores each string with a
 * terminating NUL, so the width counted here is one byte more than numpy's.
 */
final class KerasChunks {

  private KerasChunks() {}

  /**
   * Splits a list into the fewest {@code np.array_split} parts that each fit the limit.
   *
   * @param values the strings
   * @param itemSize bytes per stored string (the longest one's encoding plus its terminator)
   * @param limit the most bytes in one part
   * @return the parts in order; one part when the list fits, none of them empty unless the
   *     list is
   * @throws IllegalArgumentException if one string alone passes the limit
   */
  static List<String[]> split(List<String> values, int itemSize, int limit) {
    if (itemSize > limit) {
      throw new IllegalArgumentException("a string of " + itemSize
          + " bytes cannot fit an attribute of " + limit + " bytes");
    }
    int n = values.size();
    int parts = 1;
    // The longest part has ceil(n / parts) items.
    while ((long) ((n + parts - 1) / parts) * itemSize > limit) {
      parts++;
    }
    List<String[]> out = new ArrayList<>(parts);
    int base = n / parts;
    int longer = n % parts;
    int from = 0;
    for (int i = 0; i < parts; i++) {
      int size = base + (i < longer ? 1 : 0);
      out.add(values.subList(from, from + size).toArray(new String[0]));
      from += size;
    }
    return out;
  }
}
