package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Golden values in this class came from CPython 3.11's {@code random} module (the expression
 * that produced each is quoted next to it), except where a test says they come from a tutorial.
 */
class PythonRandomTest {

  @Test
  void randintMatchesTheTutorialsPrintedExample() {
    // Brownlee: seed(1); [randint(1, 10) for _ in range(2)] printed as [[3, 10]].
    PythonRandom rnd = new PythonRandom(1);
    assertEquals(3, rnd.randint(1, 10));
    assertEquals(10, rnd.randint(1, 10));
  }

  @Test
  void randintMatchesTheMappingTutorialsPrintout() {
    // Brownlee's mapping section: seed(1), 100 pairs of randint(1, 100); the tutorial prints
    // the last seven pairs with their sums.
    PythonRandom rnd = new PythonRandom(1);
    int[][] pairs = new int[100][2];
    for (int[] pair : pairs) {
      pair[0] = rnd.randint(1, 100);
      pair[1] = rnd.randint(1, 100);
    }
    int[][] lastSeven = Arrays.copyOfRange(pairs, 93, 100);
    assertArrayEquals(new int[][] {
      {2, 97}, {97, 36}, {32, 35}, {15, 80}, {24, 45}, {38, 9}, {22, 21}}, lastSeven);
  }

  @Test
  void randomMatchesCPython() {
    // seed(1); [random() for _ in range(5)]
    PythonRandom rnd = new PythonRandom(1);
    double[] expected = {0.13436424411240122, 0.8474337369372327, 0.763774618976614,
      0.2550690257394217, 0.49543508709194095};
    for (double e : expected) {
      assertEquals(e, rnd.random(), 0.0);
    }
    // seed(0) and seed(42): first three random()
    assertSequence(new PythonRandom(0), 0.8444218515250481, 0.7579544029403025,
        0.420571580830845);
    assertSequence(new PythonRandom(42), 0.6394267984578837, 0.025010755222666936,
        0.27502931836911926);
  }

  @Test
  void seedsWiderThan32BitsUseTwoKeyWords() {
    // seed(12345678901234): first three random()
    assertSequence(new PythonRandom(12345678901234L), 0.02504137575317178,
        0.14532691110186335, 0.42619782335934575);
    // seed(-2**63) and seed(2**63) agree: 0.5534639983914199, 0.9406144709090462
    assertSequence(new PythonRandom(Long.MIN_VALUE), 0.5534639983914199, 0.9406144709090462);
  }

  @Test
  void negativeSeedsUseTheAbsoluteValue() {
    // seed(-5) and seed(5) give the same stream: 0.6229016948897019, 0.7417869892607294
    assertSequence(new PythonRandom(-5), 0.6229016948897019, 0.7417869892607294);
    assertSequence(new PythonRandom(5), 0.6229016948897019, 0.7417869892607294);
  }

  @Test
  void staysInStepAcrossTheStateRegeneration() {
    // seed(123); v = [random() for _ in range(1000)]; v[0], v[311], v[312], v[999]
    // (each random() uses two of the 624 state words, so v[312] comes after a twist)
    PythonRandom rnd = new PythonRandom(123);
    double[] v = new double[1000];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.random();
    }
    assertEquals(0.052363598850944326, v[0], 0.0);
    assertEquals(0.3900868227859483, v[311], 0.0);
    assertEquals(0.9836708374629459, v[312], 0.0);
    assertEquals(0.9212710336258926, v[999], 0.0);
  }

  @Test
  void getrandbitsMatchesCPython() {
    // seed(1); [getrandbits(32) for _ in range(3)]
    PythonRandom rnd = new PythonRandom(1);
    assertEquals(577090037L, rnd.getrandbits(32));
    assertEquals(2444712010L, rnd.getrandbits(32));
    assertEquals(3639700191L, rnd.getrandbits(32));
    // seed(1); [getrandbits(k) for k in (1, 5, 31, 32, 0, 7)]; k = 0 draws nothing
    rnd = new PythonRandom(1);
    long[] got = {rnd.getrandbits(1), rnd.getrandbits(5), rnd.getrandbits(31),
      rnd.getrandbits(32), rnd.getrandbits(0), rnd.getrandbits(7)};
    assertArrayEquals(new long[] {0, 18, 1819850095, 3445702192L, 0, 97}, got);
  }

  @Test
  void getrandbitsAbove32BitsFillsLowWordFirst() {
    // seed(1); [getrandbits(k) for k in (33, 63, 64)]
    PythonRandom rnd = new PythonRandom(1);
    assertEquals(4872057333L, rnd.getrandbits(33));
    assertEquals(7399589116837456607L, rnd.getrandbits(63));
    assertEquals("1164115433906158532", Long.toUnsignedString(rnd.getrandbits(64)));
  }

  @Test
  void randrangeMatchesCPython() {
    // seed(3); [randrange(7) for _ in range(10)]
    PythonRandom rnd = new PythonRandom(3);
    int[] got = new int[10];
    for (int i = 0; i < got.length; i++) {
      got[i] = rnd.randrange(7);
    }
    assertArrayEquals(new int[] {1, 4, 4, 1, 2, 4, 3, 5, 4, 0}, got);
    // seed(99); [randrange(2**31 - 1) for _ in range(3)]
    rnd = new PythonRandom(99);
    assertEquals(867536308, rnd.randrange(Integer.MAX_VALUE));
    assertEquals(817660058, rnd.randrange(Integer.MAX_VALUE));
    assertEquals(429658751, rnd.randrange(Integer.MAX_VALUE));
  }

  @Test
  void randrangeOfOneStillConsumesBitsLikeCPython() {
    // seed(3); [randrange(1) for _ in range(3)], then random() == 0.9159448117309811
    PythonRandom rnd = new PythonRandom(3);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, rnd.randrange(1));
    }
    assertEquals(0.9159448117309811, rnd.random(), 0.0);
  }

  @Test
  void randintFromZeroMatchesCPython() {
    // seed(3); [randint(0, 9) for _ in range(12)]
    PythonRandom rnd = new PythonRandom(3);
    int[] got = new int[12];
    for (int i = 0; i < got.length; i++) {
      got[i] = rnd.randint(0, 9);
    }
    assertArrayEquals(new int[] {3, 9, 8, 2, 5, 9, 7, 9, 1, 9, 0, 7}, got);
  }

  @Test
  void shuffleMatchesCPython() {
    // seed(7); x = list(range(10)); shuffle(x)
    int[] x = range(10);
    new PythonRandom(7).shuffle(x);
    assertArrayEquals(new int[] {8, 3, 1, 4, 7, 0, 9, 6, 2, 5}, x);
    // seed(2024); x = list(range(20)); shuffle(x)
    int[] y = range(20);
    new PythonRandom(2024).shuffle(y);
    assertArrayEquals(new int[] {0, 2, 16, 1, 10, 19, 17, 18, 7, 3, 8, 4, 14, 11, 12, 13, 6,
      9, 5, 15}, y);
    // seed(1); shuffle([0]) leaves [0]
    int[] one = {0};
    new PythonRandom(1).shuffle(one);
    assertArrayEquals(new int[] {0}, one);
  }

  @Test
  void listShuffleDrawsLikeArrayShuffle() {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      list.add(i);
    }
    new PythonRandom(7).shuffle(list);
    // same CPython golden as shuffleMatchesCPython
    assertEquals(List.of(8, 3, 1, 4, 7, 0, 9, 6, 2, 5), list);
  }

  @Test
  void randomGeneratorViewUsesPythonDraws() {
    // nextInt(bound) is randrange(bound): same CPython golden as randintFromZeroMatchesCPython
    RandomGenerator rng = new PythonRandom(3);
    int[] got = new int[12];
    for (int i = 0; i < got.length; i++) {
      got[i] = rng.nextInt(10);
    }
    assertArrayEquals(new int[] {3, 9, 8, 2, 5, 9, 7, 9, 1, 9, 0, 7}, got);
    // nextInt(origin, bound) is randint(origin, bound - 1): tutorial's [3, 10]
    RandomGenerator tutorial = new PythonRandom(1);
    assertEquals(3, tutorial.nextInt(1, 11));
    assertEquals(10, tutorial.nextInt(1, 11));
    // nextDouble is random()
    assertEquals(0.13436424411240122, new PythonRandom(1).nextDouble(), 0.0);
  }

  @Test
  void reseedingRestartsTheStream() {
    PythonRandom rnd = new PythonRandom(1);
    double first = rnd.random();
    rnd.random();
    rnd.seed(1);
    assertEquals(first, rnd.random(), 0.0);
  }

  @Test
  void differentSeedsGiveDifferentStreams() {
    assertNotEquals(new PythonRandom(1).random(), new PythonRandom(2).random());
  }

  @Test
  void rejectsBadArguments() {
    PythonRandom rnd = new PythonRandom(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rnd.randrange(0));
    assertTrue(e.getMessage().contains("empty range"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rnd.randint(5, 4));
    assertTrue(e.getMessage().contains("randint(5, 4)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rnd.getrandbits(65));
    assertTrue(e.getMessage().contains("[0, 64]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> rnd.randbelow(-3));
    assertTrue(e.getMessage().contains("-3"), e.getMessage());
  }

  @Test
  void randintCoversTheFullIntRangeWithoutOverflow() {
    PythonRandom rnd = new PythonRandom(1);
    for (int i = 0; i < 100; i++) {
      int v = rnd.randint(Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
      assertTrue(v >= Integer.MAX_VALUE - 1);
    }
  }

  private static void assertSequence(PythonRandom rnd, double... expected) {
    for (double e : expected) {
      assertEquals(e, rnd.random(), 0.0);
    }
  }

  private static int[] range(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
