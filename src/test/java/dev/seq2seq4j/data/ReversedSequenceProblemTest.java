package dev.seq2seq4j.data;

import static dev.seq2seq4j.data.AdditionProblemTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Expected values come from the Karakaya tutorial's text, or, where noted, from its
 * {@code generate_sequence} ({@code randint(0, n_unique - 1)} per step) run on CPython 3.11.
 */
class ReversedSequenceProblemTest {

  private static final ReversedSequenceProblem P = ReversedSequenceProblem.DEFAULT;

  @Test
  void defaultsAreTheTutorials() {
    assertEquals(4, P.nTimesteps());
    assertEquals(10, P.nFeatures());
    assertEquals(2000, ReversedSequenceProblem.TRAIN_SIZE);
    assertEquals(200, ReversedSequenceProblem.TEST_SIZE);
    // X_train.shape: (2000, 4, 10) y_train.shape: (2000, 4, 10)
    Dataset train = P.generate(ReversedSequenceProblem.TRAIN_SIZE, 1);
    assertArrayEquals(new long[] {2000, 4, 10}, train.x().shape());
    assertArrayEquals(new long[] {2000, 4, 10}, train.y().shape());
  }

  @Test
  void encodesTheTutorialsSample() {
    // X=[6, 2, 4, 5], y=[5, 4, 2, 6] and their printed one-hot rows
    Dataset d = P.encode(new int[][] {{6, 2, 4, 5}});
    assertArrayEquals(AlphabetTest.flatten(new int[][] {
      {0, 0, 0, 0, 0, 0, 1, 0, 0, 0},
      {0, 0, 1, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 1, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 1, 0, 0, 0, 0}}), d.x().data());
    assertArrayEquals(AlphabetTest.flatten(new int[][] {
      {0, 0, 0, 0, 0, 1, 0, 0, 0, 0},
      {0, 0, 0, 0, 1, 0, 0, 0, 0, 0},
      {0, 0, 1, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 1, 0, 0, 0}}), d.y().data());
    assertArrayEquals(new int[][] {{5, 4, 2, 6}}, P.sequences(d.y()));
  }

  @Test
  void seededDataMatchesCPython() {
    // seed(1); [[randint(0, 9) for _ in range(4)] for _ in range(3)]
    Dataset d = P.generate(3, 1);
    assertArrayEquals(new int[][] {{2, 9, 1, 4}, {1, 7, 7, 7}, {6, 3, 1, 7}},
        P.sequences(d.x()));
    // seed(2); [[randint(0, 9) for _ in range(8)] for _ in range(2)]
    ReversedSequenceProblem eight = new ReversedSequenceProblem(8, 10);
    assertArrayEquals(new int[][] {{0, 1, 1, 5, 2, 4, 4, 9}, {3, 9, 0, 9, 2, 6, 6, 8}},
        eight.randomSequences(2, new PythonRandom(2)));
  }

  @Test
  void yIsXReversedAndEveryStepIsOneHot() {
    for (ReversedSequenceProblem p : new ReversedSequenceProblem[] {
      P, new ReversedSequenceProblem(8, 10), new ReversedSequenceProblem(16, 10),
      new ReversedSequenceProblem(1, 2), new ReversedSequenceProblem(5, 3)}) {
      Dataset d = p.generate(300, 42);
      int[][] x = p.sequences(d.x());
      int[][] y = p.sequences(d.y());
      for (int i = 0; i < x.length; i++) {
        for (int t = 0; t < p.nTimesteps(); t++) {
          assertEquals(x[i][p.nTimesteps() - 1 - t], y[i][t]);
        }
      }
      for (FloatBlock b : new FloatBlock[] {d.x(), d.y()}) {
        float[] data = b.data();
        for (int step = 0; step < data.length / p.nFeatures(); step++) {
          float sum = 0;
          for (int f = 0; f < p.nFeatures(); f++) {
            float v = data[step * p.nFeatures() + f];
            assertTrue(v == 0f || v == 1f, "one-hot value " + v);
            sum += v;
          }
          assertEquals(1f, sum);
        }
      }
    }
  }

  @Test
  void valuesCoverTheWholeRange() {
    int[][] seqs = P.randomSequences(500, new PythonRandom(3));
    boolean[] seen = new boolean[10];
    for (int[] s : seqs) {
      for (int v : s) {
        seen[v] = true;
      }
    }
    assertArrayEquals(new boolean[] {true, true, true, true, true, true, true, true, true,
      true}, seen);
  }

  @Test
  void sameSeedSameDataDifferentSeedDifferentData() {
    assertEquals(P.generate(100, 7), P.generate(100, 7));
    assertNotEquals(P.generate(100, 7), P.generate(100, 8));
    assertEquals(P.generate(50, new SplittableRandom(11)),
        P.generate(50, new SplittableRandom(11)));
    assertEquals(P.generate(100, 7), P.generate(100, new PythonRandom(7)));
  }

  @Test
  void decodesPredictionsByArgmax() {
    float[] probs = new float[4 * 10];
    int[] want = {8, 6, 6, 2};
    for (int t = 0; t < 4; t++) {
      probs[t * 10 + want[t]] = 0.6f;
      probs[t * 10 + 1] = 0.3f;
    }
    assertArrayEquals(want, P.decode(probs));
  }

  @Test
  void formatsLikeTheTutorial() {
    // lines printed in the tutorial's "some examples..." sections
    assertEquals("Input [2, 6, 6, 8] Expected: [8, 6, 6, 2] Predicted [6, 6, 6, 6] False",
        ReversedSequenceProblem.format(new int[] {2, 6, 6, 8}, new int[] {6, 6, 6, 6}));
    assertEquals("Input [4, 1, 3, 8] Expected: [8, 3, 1, 4] Predicted [8, 3, 1, 4] True",
        ReversedSequenceProblem.format(new int[] {4, 1, 3, 8}, new int[] {8, 3, 1, 4},
            new int[] {8, 3, 1, 4}));
  }

  @Test
  void rejectsBadArgumentsWithClearMessages() {
    assertMessage(() -> new ReversedSequenceProblem(0, 10), "nTimesteps must be >= 1, got 0");
    assertMessage(() -> new ReversedSequenceProblem(4, 1), "nFeatures must be >= 2, got 1");
    assertMessage(() -> P.generate(0, 1), "nSamples must be >= 1, got 0");
    assertMessage(() -> P.generate(-5, new SplittableRandom(1)),
        "nSamples must be >= 1, got -5");
    assertMessage(() -> P.encode(new int[][] {{1, 2, 3}}), "sequence 0 has 3 steps",
        "nTimesteps = 4");
    assertMessage(() -> P.encode(new int[][] {{1, 2, 3, 10}}), "value 10 at step 3",
        "[0, 10)");
    assertMessage(() -> P.decode(new float[39]), "40 values, got 39");
    assertMessage(() -> P.sequences(FloatBlock.of(new float[12], 1, 4, 3)),
        "expected shape [1, 4, 10]", "[1, 4, 3]");
  }
}
