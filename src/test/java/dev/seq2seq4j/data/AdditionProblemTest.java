package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values come from the Brownlee tutorial's printed output, or, where noted, from its
 * functions run on CPython 3.11 ({@code random}, {@code math.ceil}, {@code math.log10}).
 */
class AdditionProblemTest {

  private static final AdditionProblem P = AdditionProblem.TUTORIAL;

  @Test
  void seedOneGivesTheTutorialsExample() {
    // seed(1); random_sum_pairs(1, 2, 10) prints [[3, 10]] [13]
    SumPairs pairs = P.randomSumPairs(1, new PythonRandom(1));
    assertArrayEquals(new int[][] {{3, 10}}, pairs.terms());
    assertArrayEquals(new int[] {13}, pairs.sums());
    assertEquals("[[3, 10]] [13]", pairs.toString());
  }

  @Test
  void stringsAndIntegerCodesMatchTheTutorial() {
    // [' 3+10'] ['13'] then [[11, 3, 10, 1, 0]] [[1, 3]]
    assertEquals(" 3+10", P.toInputString(3, 10));
    assertEquals("13", P.toOutputString(13));
    assertArrayEquals(new int[] {11, 3, 10, 1, 0}, P.alphabet().integerEncode(" 3+10"));
    assertArrayEquals(new int[] {1, 3}, P.alphabet().integerEncode("13"));
  }

  @Test
  void generateMatchesTheTutorialsOneHotPrintout() {
    Dataset d = P.generate(1, new PythonRandom(1));
    assertArrayEquals(new long[] {1, 5, 12}, d.x().shape());
    assertArrayEquals(new long[] {1, 2, 12}, d.y().shape());
    float[] expectedX = AlphabetTest.flatten(new int[][] {
      {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
      {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0},
      {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
    float[] expectedY = AlphabetTest.flatten(new int[][] {
      {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}});
    assertArrayEquals(expectedX, d.x().data());
    assertArrayEquals(expectedY, d.y().data());
  }

  @Test
  void generateMatchesTheTutorialRunOnCPython() {
    // seed(1); X, y = random_sum_pairs(1000, 2, 10); to_string(X, y, 2, 10):
    // first six inputs and outputs, and the last pair
    Dataset d = P.generate(1000, new PythonRandom(1));
    String[] inputs = {" 3+10", "  2+5", "  2+8", "  8+8", "  7+4", "  2+8"};
    String[] outputs = {"13", " 7", "10", "16", "11", "10"};
    for (int i = 0; i < inputs.length; i++) {
      assertEquals(inputs[i], P.decodeInput(d.x().row(i)));
      assertEquals(outputs[i], P.decodeOutput(d.y().row(i)));
    }
    assertEquals("  2+6", P.decodeInput(d.x().row(999)));
    assertEquals(" 8", P.decodeOutput(d.y().row(999)));
    assertEquals("8", P.decodeSum(d.y().row(999)));
  }

  @Test
  void threeTermsMatchCPython() {
    // seed(7); random_sum_pairs(4, 3, 100) and to_string(..., 3, 100)
    AdditionProblem p = new AdditionProblem(3, 100);
    SumPairs pairs = p.randomSumPairs(4, new PythonRandom(7));
    assertArrayEquals(new int[][] {{42, 20, 51}, {84, 7, 10}, {69, 13, 47}, {75, 8, 65}},
        pairs.terms());
    assertArrayEquals(new int[] {113, 101, 129, 148}, pairs.sums());
    assertEquals("   42+20+51", p.toInputString(pairs.terms(0)));
    assertEquals("    84+7+10", p.toInputString(pairs.terms(1)));
    assertEquals("148", p.toOutputString(pairs.sum(3)));
  }

  @ParameterizedTest(name = "n_numbers={0}, largest={1} -> in={2}, out={3}")
  @CsvSource({
    // expected from CPython: n*ceil(log10(largest+1))+n-1, ceil(log10(n*(largest+1)))
    "2, 10, 5, 2",
    "2, 100, 7, 3",
    "3, 10, 8, 2",
    "2, 99, 5, 3",
    "1, 9, 1, 1",
    "1, 1, 1, 1",
    "2, 1, 3, 1",
    "3, 9, 5, 2",
    "4, 999, 15, 4",
    "10, 9, 19, 2",
    "5, 12345, 29, 5",
    "1, 99999999, 8, 8",
    "2, 1073741822, 21, 10",
  })
  void paddingWidthsFollowTheTutorialsFormulas(int n, int largest, int in, int out) {
    AdditionProblem p = new AdditionProblem(n, largest);
    assertEquals(in, p.inputLength());
    assertEquals(out, p.outputLength());
  }

  @Test
  void widthsFitTheLargestPossibleExample() {
    for (int n = 1; n <= 6; n++) {
      for (int largest : new int[] {1, 9, 10, 99, 100, 999, 1000}) {
        AdditionProblem p = new AdditionProblem(n, largest);
        int[] terms = new int[n];
        Arrays.fill(terms, largest);
        assertEquals(p.inputLength(), p.toInputString(terms).length());
        assertEquals(p.outputLength(), p.toOutputString(n * largest).length());
      }
    }
  }

  @Test
  void roundTripsStringsThroughOneHot() {
    AdditionProblem p = new AdditionProblem(3, 50);
    SumPairs pairs = SumPairs.of(new int[][] {{1, 2, 3}, {50, 50, 50}, {7, 0, 41}});
    Dataset d = p.encode(pairs);
    for (int i = 0; i < pairs.size(); i++) {
      assertEquals(p.toInputString(pairs.terms(i)), p.decodeInput(d.x().row(i)));
      assertEquals(Integer.toString(pairs.sum(i)), p.decodeSum(d.y().row(i)));
    }
  }

  @Test
  void sameSeedSameDataDifferentSeedDifferentData() {
    assertEquals(P.generate(200, new PythonRandom(5)), P.generate(200, new PythonRandom(5)));
    assertNotEquals(P.generate(200, new PythonRandom(5)),
        P.generate(200, new PythonRandom(6)));
  }

  @Test
  void everyOneHotStepSumsToOne() {
    Dataset d = new AdditionProblem(3, 100).generate(50, new PythonRandom(3));
    for (FloatBlock b : new FloatBlock[] {d.x(), d.y()}) {
      float[] data = b.data();
      for (int step = 0; step < data.length / 12; step++) {
        float sum = 0;
        for (int c = 0; c < 12; c++) {
          sum += data[step * 12 + c];
        }
        assertEquals(1f, sum);
      }
    }
  }

  @Test
  void parsesUserQuestions() {
    assertEquals("  7+8", P.parseInput("7+8"));
    assertEquals("  12+50", new AdditionProblem(2, 100).parseInput("12+50"));
    assertEquals(" 3+10", P.parseInput(" 3+10"));
    assertEquals(" 3+10", P.parseInput("3 + 10"));
    assertEquals(" 3+10", P.parseInput("  03+10\t"));
    assertEquals("  0+0", P.parseInput("0+0"));
    assertArrayEquals(new int[] {10, 10}, P.parseTerms("10+10"));
  }

  @Test
  void rejectsBadQuestionsWithClearMessages() {
    assertMessage(() -> P.parseInput("12-5"), "character '-' at position 2",
        "digits, '+' and spaces");
    assertMessage(() -> P.parseInput("1+2+3"), "expected 2 terms", "has 3");
    assertMessage(() -> P.parseInput("7"), "expected 2 terms", "has 1");
    assertMessage(() -> P.parseInput("7+"), "term 2", "is empty");
    assertMessage(() -> P.parseInput("1 2+3"), "term 1", "contains a space");
    assertMessage(() -> P.parseInput("11+3"), "term 1 (11)", "outside [0, 10]");
    assertMessage(() -> P.parseInput("3+99999999999999999999"), "term 2", "outside [0, 10]");
    assertMessage(() -> P.parseInput("   "), "empty question", "\"1+2\"");
  }

  @Test
  void rejectsStringsWiderThanThePaddedWidth() {
    assertMessage(() -> P.toInputString(100, 100),
        "\"100+100\" has 7 characters", "input width", "is 5");
    assertMessage(() -> P.toInputString(10, 2, 3), "\"10+2+3\" has 6 characters",
        "input width");
    assertMessage(() -> P.toOutputString(100), "\"100\" has 3 characters", "output width",
        "is 2");
    assertMessage(() -> P.toInputString(-1, 3), "term 1 is negative (-1)", "minus sign");
    assertMessage(() -> P.toOutputString(-4), "sum is negative (-4)");
    assertMessage(() -> P.encode(SumPairs.of(new int[][] {{60, 50}})),
        "\"110\" has 3 characters", "output width");
  }

  @Test
  void rejectsBadConfigurationsAndSizes() {
    assertMessage(() -> new AdditionProblem(0, 10), "nNumbers must be >= 1, got 0");
    assertMessage(() -> new AdditionProblem(2, 0), "largest must be >= 1, got 0");
    assertMessage(() -> new AdditionProblem(-1, 10), "nNumbers must be >= 1, got -1");
    assertMessage(() -> new AdditionProblem(2, Integer.MAX_VALUE), "too large");
    assertMessage(() -> P.randomSumPairs(0, new PythonRandom(1)),
        "nExamples must be >= 1, got 0");
    assertMessage(() -> P.generate(-3, new PythonRandom(1)), "nExamples must be >= 1, got -3");
    assertMessage(() -> P.decodeSum(new float[12]), "24 values, got 12");
  }

  static void assertMessage(Runnable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part),
          "message \"" + e.getMessage() + "\" lacks \"" + part + "\"");
    }
  }
}
