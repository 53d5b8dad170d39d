package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The expression evaluator the brackets problem computes its answers with. */
class ExpressionsTest {

  @Test
  void followsPrecedenceBracketsAndLeftToRight() {
    assertEquals(14, Expressions.evaluate("2+3*4"));
    assertEquals(60, Expressions.evaluate("(12+3)*4"));
    assertEquals(3, Expressions.evaluate("8-3-2"));
    assertEquals(7, Expressions.evaluate("8-(3-2)"));
    assertEquals(-12, Expressions.evaluate("2*(3-(4+5))"));
    assertEquals(24, Expressions.evaluate("2*3*4"));
    assertEquals(-1, Expressions.evaluate("1-2*1"));
    assertEquals(42, Expressions.evaluate(" ( 42 ) "));
    assertEquals(25, Expressions.evaluate("((2+3)*(1+4))"));
  }

  @Test
  void measuresBracketDepth() {
    assertEquals(0, Expressions.depth("1+2"));
    assertEquals(1, Expressions.depth("(12+3)*4"));
    assertEquals(2, Expressions.depth("((3+4)*2)-5"));
    assertEquals(2, Expressions.depth("7*(2-(3+4))"));
    assertEquals(1, Expressions.depth("(1+2)*(3+4)"));
  }

  @Test
  void rejectsBadSyntaxWithThePosition() {
    assertMessage("(1+2", "missing ')'");
    assertMessage("1+", "ends early");
    assertMessage("1++2", "expected a number or '('");
    assertMessage("1)", "unexpected ')'");
    assertMessage("", "empty expression");
    assertMessage("2*x", "expected a number");
    assertThrows(ArithmeticException.class,
        () -> Expressions.evaluate("999999999999999999*999999999999999999"));
  }

  private static void assertMessage(String expression, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Expressions.evaluate(expression));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
