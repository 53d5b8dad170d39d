package dev.seq2seq4j.data;

import static dev.seq2seq4j.data.AdditionProblemTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected values were computed with CPython 3.11 ({@code random}, {@code round},
 * {@code math.sqrt}, and {@code struct} to round float64 values to float32).
 */
class NormalisedSumsTest {

  private static final NormalisedSums S = NormalisedSums.TUTORIAL;

  @Test
  void generatesTheTutorialsScaledPairs() {
    // seed(1); [[randint(1, 100) for _ in range(2)] for _ in range(3)]
    //   -> [[18, 73], [98, 9], [33, 16]]; divided by 200.0, then rounded to float32
    Dataset d = S.generate(3, new PythonRandom(1));
    assertArrayEquals(new long[] {3, 2}, d.x().shape());
    assertArrayEquals(new long[] {3, 1}, d.y().shape());
    assertArrayEquals(new float[] {(float) 0.09000000357627869, (float) 0.36500000953674316,
      (float) 0.49000000953674316, (float) 0.04500000178813934,
      (float) 0.16500000655651093, (float) 0.07999999821186066}, d.x().data());
    assertArrayEquals(new float[] {(float) 0.45500001311302185, (float) 0.5350000262260437,
      (float) 0.24500000476837158}, d.y().data());
  }

  @Test
  void sequenceVariantHasOneFeaturePerStep() {
    Dataset flat = S.generate(3, new PythonRandom(1));
    Dataset seq = S.generateSequences(3, new PythonRandom(1));
    assertArrayEquals(new long[] {3, 2, 1}, seq.x().shape());
    assertArrayEquals(flat.x().data(), seq.x().data());
    assertEquals(flat.y(), seq.y());
  }

  @Test
  void invertRoundsHalfToEvenLikePython3() {
    // Python: round(0.5) == 0, round(1.5) == 2, round(2.5) == 2, round(-0.5) == 0
    NormalisedSums unit = new NormalisedSums(1, 1);
    assertEquals(0, unit.invert(0.5));
    assertEquals(2, unit.invert(1.5));
    assertEquals(2, unit.invert(2.5));
    assertEquals(4, unit.invert(3.5));
    assertEquals(0, unit.invert(-0.5));
    assertEquals(-2, unit.invert(-1.5));
    // round(x * float(200)) for the tutorial's scale:
    // 0.0025 -> 0, 0.0075 -> 2, 0.4975 -> 100, 0.455 -> 91
    assertEquals(0, S.invert(0.0025));
    assertEquals(2, S.invert(0.0075));
    assertEquals(100, S.invert(0.4975));
    assertEquals(91, S.invert(0.455));
  }

  @Test
  void invertRecoversTheSumsOfGeneratedData() {
    // sums of seed(1)'s first three pairs: 91, 107, 49
    Dataset d = S.generate(3, new PythonRandom(1));
    assertArrayEquals(new int[] {91, 107, 49}, S.invertAll(d.y().data()));
  }

  @Test
  void rmseMatchesPython() {
    // math.sqrt(((110-110)**2 + (122-123)**2 + (104-104)**2 + (103-103)**2) / 4) == 0.5
    assertEquals(0.5, NormalisedSums.rmse(new int[] {110, 122, 104, 103},
        new int[] {110, 123, 104, 103}), 0.0);
    // math.sqrt(((1-4)**2 + (2-2)**2 + (10-6)**2) / 3) == 2.886751345948129
    assertEquals(2.886751345948129, NormalisedSums.rmse(new int[] {1, 2, 10},
        new int[] {4, 2, 6}), 0.0);
    assertEquals(0.0, NormalisedSums.rmse(new int[] {7}, new int[] {7}), 0.0);
  }

  @Test
  void sameSeedSameData() {
    assertEquals(S.generate(100, new PythonRandom(9)), S.generate(100, new PythonRandom(9)));
    assertNotEquals(S.generate(100, new PythonRandom(9)),
        S.generate(100, new PythonRandom(10)));
  }

  @Test
  void rejectsBadInputs() {
    assertMessage(() -> new NormalisedSums(0, 100), "nNumbers must be >= 1, got 0");
    assertMessage(() -> new NormalisedSums(2, -1), "largest must be >= 1, got -1");
    assertMessage(() -> S.generate(0, new PythonRandom(1)), "nExamples must be >= 1, got 0");
    assertMessage(() -> S.invert(Double.NaN), "cannot round NaN");
    assertMessage(() -> S.invert(Double.POSITIVE_INFINITY), "cannot round Infinity");
    assertMessage(() -> S.invert(1e8), "does not fit an int");
    assertMessage(() -> NormalisedSums.rmse(new int[] {1}, new int[] {1, 2}),
        "equal length, got 1 and 2");
    assertMessage(() -> NormalisedSums.rmse(new int[0], new int[0]), "non-empty");
    assertMessage(() -> S.encode(SumPairs.of(new int[][] {{1, 2, 3}})),
        "example 0 has 3 terms", "nNumbers = 2");
  }
}
