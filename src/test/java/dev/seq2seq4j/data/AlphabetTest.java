package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlphabetTest {

  private static final Alphabet A = Alphabet.ADDITION;

  @Test
  void additionAlphabetHasTheTutorialsOrder() {
    // Brownlee: alphabet = ['0', ..., '9', '+', ' ']
    assertEquals(12, A.size());
    assertEquals("0123456789+ ", A.symbols());
    assertEquals(10, A.indexOf('+'));
    assertEquals(11, A.indexOf(' '));
    for (char d = '0'; d <= '9'; d++) {
      assertEquals(d - '0', A.indexOf(d));
    }
    assertEquals('+', A.symbol(10));
  }

  @Test
  void integerEncodeMatchesTheTutorial() {
    // Brownlee prints [' 3+10'] ['13'] -> [[11, 3, 10, 1, 0]] [[1, 3]]
    assertArrayEquals(new int[] {11, 3, 10, 1, 0}, A.integerEncode(" 3+10"));
    assertArrayEquals(new int[] {1, 3}, A.integerEncode("13"));
  }

  @Test
  void oneHotMatchesTheTutorialsPrintout() {
    // Brownlee's printed one-hot rows for ' 3+10' and '13'
    float[] expectedX = flatten(new int[][] {
      {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
      {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0},
      {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
    float[] expectedY = flatten(new int[][] {
      {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}});
    assertArrayEquals(expectedX, A.oneHot(" 3+10"));
    assertArrayEquals(expectedY, A.oneHot("13"));
  }

  @Test
  void roundTripsThroughOneHot() {
    for (String s : new String[] {" 3+10", "13", "  2+5", "99+99", " 9", "+"}) {
      assertEquals(s, A.decodeArgmax(A.oneHot(s), s.length()));
      assertEquals(s, A.decode(A.integerEncode(s)));
    }
  }

  @Test
  void decodeArgmaxTakesTheLargestScorePerStep() {
    float[] probs = new float[2 * 12];
    probs[3] = 0.7f;
    probs[5] = 0.2f;
    probs[12 + 11] = 0.6f;
    probs[12 + 4] = 0.4f;
    assertEquals("3 ", A.decodeArgmax(probs, 2));
  }

  @Test
  void decodeArgmaxBreaksTiesToTheLowestIndexLikeNumpy() {
    float[] probs = new float[12];
    probs[7] = 0.5f;
    probs[2] = 0.5f;
    assertEquals("2", A.decodeArgmax(probs, 1));
    // all equal: numpy.argmax returns 0
    assertEquals("0", A.decodeArgmax(new float[12], 1));
  }

  @Test
  void decodeArgmaxReadsASampleInsideABatch() {
    float[] batch = new float[3 * 2 * 12];
    System.arraycopy(A.oneHot("17"), 0, batch, 2 * 12, 2 * 12);
    System.arraycopy(A.oneHot(" 8"), 0, batch, 2 * 2 * 12, 2 * 12);
    assertEquals("17", A.decodeArgmax(batch, 2 * 12, 2));
    assertEquals(" 8", A.decodeArgmax(batch, 2 * 2 * 12, 2));
  }

  @Test
  void unknownCharactersAreNamedWithTheAlphabet() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> A.indexOf('x'));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    assertTrue(e.getMessage().contains("\"0123456789+ \""), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> A.integerEncode("12-3"));
    assertTrue(e.getMessage().contains("'-'"), e.getMessage());
    assertTrue(e.getMessage().contains("position 2"), e.getMessage());
    assertTrue(e.getMessage().contains("\"0123456789+ \""), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> A.oneHot("1\t2"));
    assertTrue(e.getMessage().contains("U+0009"), e.getMessage());
    assertFalse(A.contains('a'));
  }

  @Test
  void rejectsBadAlphabetsAndLengths() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Alphabet.of("abca"));
    assertTrue(e.getMessage().contains("repeats character 'a'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Alphabet.of(""));
    assertTrue(e.getMessage().contains("at least one symbol"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> A.decodeArgmax(new float[23], 2));
    assertTrue(e.getMessage().contains("24 values, got 23"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> A.symbol(12));
    assertTrue(e.getMessage().contains("index 12"), e.getMessage());
  }

  @Test
  void customAlphabetsWork() {
    Alphabet abc = Alphabet.of("abc");
    assertEquals(3, abc.size());
    assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, abc.oneHot("ca"));
    assertEquals(abc, Alphabet.of("abc"));
  }

  static float[] flatten(int[][] rows) {
    float[] out = new float[rows.length * rows[0].length];
    int k = 0;
    for (int[] row : rows) {
      for (int v : row) {
        out[k++] = v;
      }
    }
    return out;
  }
}
