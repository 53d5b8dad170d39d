package dev.seq2seq4j.robustness;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded damage to a file's bytes, the kinds a disk, a network or a careless tool does: flipped
 * bits, a cut-off end, zeroed or overwritten runs, bytes inserted, deleted or duplicated.
 *
 * @param bytes the damaged contents
 * @param description what was done, for reports
 * @param from the first byte offset that differs from the original
 * @param to one past the last byte offset of the original that the damage touched (the end of
 *     the file when bytes were inserted or deleted, since everything after them moved)
 */
record ByteDamage(byte[] bytes, String description, long from, long to) {

  /** How many kinds {@link #apply} chooses from. */
  static final int KINDS = 9;

  /**
   * Damages a copy of {@code original} in the way {@code kind} names, at seeded places.
   *
   * @param original the intact contents (not changed)
   * @param kind 0 to {@link #KINDS} - 1
   * @param random the seeded source of places and values
   * @return the damaged copy
   */
  static ByteDamage apply(byte[] original, int kind, Random random) {
    int n = original.length;
    byte[] b = original.clone();
    int at = random.nextInt(n);
    switch (kind) {
      case 0 -> {
        int bit = random.nextInt(8);
        b[at] ^= (byte) (1 << bit);
        return new ByteDamage(b, "bit " + bit + " of byte " + at + " flipped", at, at + 1);
      }
      case 1 -> {
        int start = Math.min(at, Math.max(0, n - 64));
        int end = Math.min(n, start + 64);
        for (int i = 0; i < 8; i++) {
          b[start + random.nextInt(end - start)] ^= (byte) (1 << random.nextInt(8));
        }
        return new ByteDamage(b, "8 bits flipped in bytes " + start + ".." + end, start, end);
      }
      case 2 -> {
        b[at] = (byte) ~b[at];
        return new ByteDamage(b, "byte " + at + " inverted", at, at + 1);
      }
      case 3 -> {
        return new ByteDamage(Arrays.copyOf(original, at), "cut to " + at + " of " + n
            + " bytes", at, n);
      }
      case 4 -> {
        int len = Math.min(n - at, 1 + random.nextInt(256));
        Arrays.fill(b, at, at + len, (byte) 0);
        return new ByteDamage(b, len + " bytes zeroed at " + at, at, at + len);
      }
      case 5 -> {
        int len = Math.min(n - at, 1 + random.nextInt(64));
        for (int i = 0; i < len; i++) {
          b[at + i] = (byte) random.nextInt(256);
        }
        return new ByteDamage(b, len + " random bytes written at " + at, at, at + len);
      }
      case 6 -> {
        int len = 1 + random.nextInt(32);
        byte[] out = new byte[n + len];
        System.arraycopy(original, 0, out, 0, at);
        for (int i = 0; i < len; i++) {
          out[at + i] = (byte) random.nextInt(256);
        }
        System.arraycopy(original, at, out, at + len, n - at);
        return new ByteDamage(out, len + " bytes inserted at " + at, at, n);
      }
      case 7 -> {
        int len = Math.min(n - at, 1 + random.nextInt(64));
        byte[] out = new byte[n - len];
        System.arraycopy(original, 0, out, 0, at);
        System.arraycopy(original, at + len, out, at, n - at - len);
        return new ByteDamage(out, len + " bytes deleted at " + at, at, n);
      }
      case 8 -> {
        int len = Math.min(n - at, 1 + random.nextInt(128));
        int source = random.nextInt(n - len + 1);
        System.arraycopy(original, source, b, at, len);
        return new ByteDamage(b, len + " bytes from " + source + " copied over " + at, at,
            at + len);
      }
      default -> throw new IllegalArgumentException("no damage kind " + kind);
    }
  }

  /** Whether the damage lies wholly inside [start, end) of the original. */
  boolean within(long start, long end) {
    return from >= start && to <= end;
  }
}
