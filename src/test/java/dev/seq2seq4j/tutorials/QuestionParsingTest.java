package dev.seq2seq4j.tutorials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Parsing of user questions for the reverse recipes (the addition ones use the data package). */
class QuestionParsingTest {
  @Test
  void acceptsSpacesCommasAndBrackets() {
    int[] expected = {3, 2, 9, 1};
    assertArrayEquals(expected, SequenceQuestions.parse("3 2 9 1", 4, 10));
    assertArrayEquals(expected, SequenceQuestions.parse(" 3,2, 9 ,1 ", 4, 10));
    assertArrayEquals(expected, SequenceQuestions.parse("[3, 2, 9, 1]", 4, 10));
  }

  @Test
  void rejectsWithAMessageNamingTheProblem() {
    assertMessage("3 2 9", "expected 4 values");
    assertMessage("3 2 x 1", "value 3");
    assertMessage("3 2 10 1", "outside [0, 9]");
    assertMessage("  ", "empty sequence");
    assertMessage("3 -2 9 1", "value 2");
  }

  @Test
  void variableLengthsAcceptTheirRange() {
    assertArrayEquals(new int[] {7}, SequenceQuestions.parse("7", 1, 8, 10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SequenceQuestions.parse("1 2 3", 1, 2, 10));
    assertTrue(e.getMessage().contains("expected 1 to 2 values"), e.getMessage());
    assertEquals("1 9 2 3", SequenceQuestions.format(new int[] {1, 9, 2, 3}));
  }

  private void assertMessage(String question, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SequenceQuestions.parse(question, 4, 10));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
