package dev.seq2seq4j.data;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A bit-exact port of CPython's {@code random.Random} (Mersenne Twister MT19937) for integer
 * seeds, so that Java reproduces the exact data the Python tutorials draw after {@code seed(n)}.
 *
 * <p>Covered: {@code seed(int)}, {@code random()}, {@code getrandbits(k)} for {@code k <= 64},
 * {@code randrange}, {@code randint} and {@code shuffle}, including how many 32-bit words each
 * call consumes, so interleaved calls stay in step with Python. Integer ranges use CPython's
 * {@code _randbelow_with_getrandbits}: draw {@code k = n.bit_length()} bits, retry while the
 * value is {@code >= n}.
 *
 * <p>The class also implements {@link RandomGenerator}; {@link #nextInt(int)},
 * {@link #nextInt(int, int)}, {@link #nextLong(long)} and {@link #nextDouble()} are the Python
 * draws above, so code written against {@code RandomGenerator} gets Python's numbers when it is
 * handed a {@code PythonRandom}. Other inherited defaults (for example {@code nextGaussian}) are
 * Java's algorithms on top of this bit stream, not Python's.
 *
 * <p>Not thread-safe, like {@link java.util.Random} subclasses that are used for repeatability.
 */
public final class PythonRandom implements RandomGenerator {

  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int mti;

  /**
   * Creates a generator seeded exactly like Python's {@code random.seed(seed)}.
   *
   * @param seed any integer; like CPython only its absolute value matters
   */
  public PythonRandom(long seed) {
    seed(seed);
  }

  /**
   * Re-seeds like Python's {@code random.seed(seed)} for an {@code int} argument: the absolute
   * value is split into little-endian 32-bit words and fed to {@code init_by_array}.
   *
   * @param seed any integer; like CPython only its absolute value matters
   */
  public void seed(long seed) {
    // Math.abs(Long.MIN_VALUE) is still negative, but its bit pattern read as unsigned is
    // 2^63, which is exactly the magnitude CPython uses, so the word split below stays right.
    long magnitude = Math.abs(seed);
    int low = (int) magnitude;
    int high = (int) (magnitude >>> 32);
    // CPython uses as many words as the magnitude needs, and one zero word for seed 0.
    int[] key = high != 0 ? new int[] {low, high} : new int[] {low};
    initByArray(key);
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (mti = 1; mti < N; mti++) {
      // int arithmetic wraps modulo 2^32, which is what the C code's uint32 math does.
      mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
    }
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
  }

  /** The next tempered 32-bit output of MT19937 (CPython's {@code genrand_uint32}). */
  private int genrandUint32() {
    if (mti >= N) {
      twist();
    }
    int y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  private void twist() {
    int kk = 0;
    for (; kk < N - M; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    }
    int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
    mti = 0;
  }

  /**
   * Python's {@code random()}: a double in [0, 1) with 53 random bits, built from two 32-bit
   * outputs (27 + 26 bits) exactly like CPython's {@code random_random}.
   *
   * @return the next value in [0, 1)
   */
  public double random() {
    int a = genrandUint32() >>> 5;
    int b = genrandUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /**
   * Python's {@code getrandbits(k)}: a non-negative integer with {@code k} random bits. For
   * {@code k > 32} CPython fills 32-bit words from the least significant end, which is
   * reproduced here. {@code k == 0} returns 0 without consuming output (Python 3.9+).
   *
   * @param k number of bits, 0 to 64; for 64 read the result as unsigned
   *     ({@link Long#toUnsignedString(long)})
   * @return the random bits
   * @throws IllegalArgumentException if {@code k} is outside [0, 64]
   */
  public long getrandbits(int k) {
    if (k < 0 || k > 64) {
      throw new IllegalArgumentException("getrandbits: k must be in [0, 64], got " + k);
    }
    if (k == 0) {
      return 0L;
    }
    if (k <= 32) {
      return Integer.toUnsignedLong(genrandUint32() >>> (32 - k));
    }
    long low = Integer.toUnsignedLong(genrandUint32());
    long high = Integer.toUnsignedLong(genrandUint32() >>> (64 - k));
    return low | (high << 32);
  }

  /**
   * CPython's {@code _randbelow_with_getrandbits(n)}: a uniform integer in [0, n) by rejection
   * sampling on {@code n.bit_length()} bits.
   *
   * @param n exclusive upper bound, must be positive
   * @return a value in [0, n)
   * @throws IllegalArgumentException if {@code n <= 0}
   */
  public long randbelow(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("randbelow: n must be positive, got " + n);
    }
    // bit_length of n itself (not n - 1), as CPython does, so n = 1 still draws one bit.
    int k = 64 - Long.numberOfLeadingZeros(n);
    long r = getrandbits(k);
    while (r >= n) {
      r = getrandbits(k);
    }
    return r;
  }

  /**
   * Python's {@code randrange(stop)}.
   *
   * @param stop exclusive upper bound, must be positive
   * @return a value in [0, stop)
   * @throws IllegalArgumentException if the range is empty
   */
  public int randrange(int stop) {
    return randrange(0, stop);
  }

  /**
   * Python's {@code randrange(start, stop)} (step 1).
   *
   * @param start inclusive lower bound
   * @param stop exclusive upper bound, must be greater than {@code start}
   * @return a value in [start, stop)
   * @throws IllegalArgumentException if the range is empty
   */
  public int randrange(int start, int stop) {
    long width = (long) stop - start;
    if (width <= 0) {
      throw new IllegalArgumentException(
          "empty range for randrange(" + start + ", " + stop + ")");
    }
    return (int) (start + randbelow(width));
  }

  /**
   * Python's {@code randint(a, b)}, that is {@code randrange(a, b + 1)}.
   *
   * @param a inclusive lower bound
   * @param b inclusive upper bound, must be {@code >= a}
   * @return a value in [a, b]
   * @throws IllegalArgumentException if {@code b < a}
   */
  public int randint(int a, int b) {
    long width = (long) b + 1 - a;
    if (width <= 0) {
      throw new IllegalArgumentException("empty range for randint(" + a + ", " + b + ")");
    }
    return (int) (a + randbelow(width));
  }

  /**
   * Python's {@code shuffle(x)}: Fisher-Yates from the end, {@code j = randbelow(i + 1)}.
   *
   * @param values shuffled in place
   */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = (int) randbelow(i + 1L);
      int tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
  }

  /**
   * Python's {@code shuffle(x)} for a list, with the same draws as {@link #shuffle(int[])}.
   *
   * @param values shuffled in place; must support {@code set}
   * @param <T> element type
   */
  public <T> void shuffle(List<T> values) {
    for (int i = values.size() - 1; i > 0; i--) {
      int j = (int) randbelow(i + 1L);
      values.set(i, values.set(j, values.get(i)));
    }
  }

  /**
   * A signed view of {@code getrandbits(32)}.
   *
   * @return the next 32 random bits
   */
  @Override
  public int nextInt() {
    return genrandUint32();
  }

  /**
   * {@code randrange(bound)}, i.e. Python's draw for {@code randint(0, bound - 1)}.
   *
   * @param bound exclusive upper bound, must be positive
   * @return a value in [0, bound)
   */
  @Override
  public int nextInt(int bound) {
    return randrange(bound);
  }

  /**
   * {@code randrange(origin, bound)}, i.e. Python's draw for {@code randint(origin, bound - 1)}.
   *
   * @param origin inclusive lower bound
   * @param bound exclusive upper bound, must be greater than {@code origin}
   * @return a value in [origin, bound)
   */
  @Override
  public int nextInt(int origin, int bound) {
    return randrange(origin, bound);
  }

  /**
   * A signed view of {@code getrandbits(64)}.
   *
   * @return the next 64 random bits
   */
  @Override
  public long nextLong() {
    return getrandbits(64);
  }

  /**
   * {@code randrange(bound)} for a long bound.
   *
   * @param bound exclusive upper bound, must be positive
   * @return a value in [0, bound)
   */
  @Override
  public long nextLong(long bound) {
    return randbelow(bound);
  }

  /**
   * Python's {@code random()}.
   *
   * @return a value in [0, 1)
   */
  @Override
  public double nextDouble() {
    return random();
  }
}
