package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.data.ReversedSequenceProblem;
import org.junit.jupiter.api.Test;

/** Parsing of user questions for the reverse recipes (the addition ones use the data package). */
class QuestionParsingTest {
  private final ReversedSequenceProblem p = ReversedSequenceProblem.DEFAULT;

  @Test
  void acceptsSpacesCommasAndBrackets() {
    int[] expected = {3, 2, 9, 1};
    assertArrayEquals(expected, KarakayaReverseRecipe.parseSequence("3 2 9 1", p));
    assertArrayEquals(expected, KarakayaReverseRecipe.parseSequence(" 3,2, 9 ,1 ", p));
    assertArrayEquals(expected, KarakayaReverseRecipe.parseSequence("[3, 2, 9, 1]", p));
  }

  @Test
  void rejectsWithAMessageNamingTheProblem() {
    assertMessage("3 2 9", "expected 4 values");
    assertMessage("3 2 x 1", "value 3");
    assertMessage("3 2 10 1", "outside [0, 9]");
    assertMessage("  ", "empty sequence");
    assertMessage("3 -2 9 1", "value 2");
  }

  private void assertMessage(String question, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KarakayaReverseRecipe.parseSequence(question, p));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
