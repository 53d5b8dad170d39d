package dev.seq2seq4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The character-level problems beyond Brownlee's adder, and their encodings. */
class TextProblemsTest {

  @Test
  void additionExamplesEncodeExactlyAsTheTutorialsGenerator() {
    AdditionProblem p = AdditionProblem.TUTORIAL;
    Dataset viaExamples = TextEncoding.oneHot(p, false).encode(p.draw(50, new PythonRandom(3)));
    assertEquals(p.generate(50, new PythonRandom(3)), viaExamples);
  }

  @Test
  void reversedQuestionsAndAnswersRoundTrip() {
    AdditionProblem p = AdditionProblem.TUTORIAL;
    TextEncoding reversed = TextEncoding.oneHot(p, true);
    FloatBlock x = reversed.encodeQuestions(List.of(" 3+10"));
    // "01+3 ": the first step is the last character, '0'.
    assertEquals(1f, x.get(0, 0, p.alphabet().indexOf('0')));
    assertEquals(1f, x.get(0, 4, p.alphabet().indexOf(' ')));
    TextEncoding indices = TextEncoding.indices(p, false);
    FloatBlock ix = indices.encodeQuestions(List.of(" 3+10"));
    assertEquals(List.of(5L), List.of(ix.rowShape()[0]));
    assertEquals(10f, ix.get(0, 2)); // '+' is index 10
    TextEncoding onesFirst = TextEncoding.oneHot(p, false).withReversedAnswers();
    Dataset d = onesFirst.encode(List.of(new TextExample(" 3+10", "13", "2 terms")));
    assertEquals(1f, d.y().get(0, 0, p.alphabet().indexOf('3')));
    assertEquals("13", onesFirst.decodeAnswer(d.y().row(0)));
    assertEquals("13", onesFirst.decodeAnswer(new int[] {3, 1}));
  }

  @Test
  void mixedTermsPadToTheWidestQuestion() {
    MixedTermsProblem p = new MixedTermsProblem(2, 4, 10);
    assertEquals(new AdditionProblem(4, 10).inputLength(), p.questionLength());
    assertEquals(2, p.answerLength());
    Set<String> groups = new TreeSet<>();
    PythonRandom rnd = new PythonRandom(1);
    for (TextExample e : p.draw(300, rnd)) {
      groups.add(e.group());
      String[] terms = e.question().strip().split("\\+");
      assertEquals(terms.length + " terms", e.group());
      int sum = 0;
      for (String t : terms) {
        sum += Integer.parseInt(t);
      }
      assertEquals(Integer.toString(sum), e.answer().strip());
      assertEquals(p.questionLength(), e.question().length());
    }
    assertEquals(Set.of("2 terms", "3 terms", "4 terms"), groups);
    assertEquals("       3+10", p.parseQuestion("3+10"));
    assertThrows(IllegalArgumentException.class, () -> p.parseQuestion("1+2+3+4+5"));
    assertThrows(IllegalArgumentException.class, () -> new MixedTermsProblem(3, 2, 10));
  }

  @Test
  void arithmeticWidensForProductsAndMinusSigns() {
    ArithmeticProblem p = new ArithmeticProblem(99, "+-*");
    assertEquals(5, p.questionLength());
    assertEquals(4, p.answerLength()); // 9801 and -98
    assertEquals(14, p.alphabet().size());
    Set<String> groups = new HashSet<>();
    boolean negative = false;
    for (TextExample e : p.draw(500, new PythonRandom(2))) {
      groups.add(e.group());
      long value = Expressions.evaluate(e.question().strip());
      assertEquals(Long.toString(value), e.answer().strip(), e.question());
      negative |= value < 0;
    }
    assertEquals(Set.of("addition", "subtraction", "multiplication"), groups);
    assertTrue(negative, "some differences are negative");
    assertEquals("12*34", p.parseQuestion("12 * 34"));
    assertEquals(" 3-10", p.parseQuestion("3-10"));
    assertThrows(IllegalArgumentException.class, () -> p.parseQuestion("100+1"));
    assertThrows(IllegalArgumentException.class, () -> p.parseQuestion("3/4"));
    assertEquals(3, new ArithmeticProblem(99, "+").answerLength());
    assertThrows(IllegalArgumentException.class, () -> new ArithmeticProblem(99, "++"));
  }

  @Test
  void bracketAnswersComeFromTheEvaluatorAndFitTheWidths() {
    BracketProblem p = new BracketProblem(10, 2);
    assertEquals(15, p.questionLength()); // ((10*10)*10)*10
    assertEquals(5, p.answerLength()); // 10000
    Set<String> groups = new TreeSet<>();
    for (TextExample e : p.draw(2000, new PythonRandom(4))) {
      String q = e.question().strip();
      assertEquals(Long.toString(Expressions.evaluate(q)), e.answer().strip(), q);
      assertEquals("depth " + Expressions.depth(q), e.group(), q);
      groups.add(e.group());
    }
    assertEquals(Set.of("depth 0", "depth 1", "depth 2"), groups);
    assertEquals("       (10+3)*4", p.parseQuestion("(10+3)*4"));
    assertThrows(IllegalArgumentException.class, () -> p.parseQuestion("((1+(2+3))+4)+5"));
    assertThrows(IllegalArgumentException.class, () -> p.parseQuestion("(1+2"));
    assertThrows(IllegalArgumentException.class, () -> p.parseQuestion("11+1"));
    assertThrows(IllegalArgumentException.class, () -> p.parseQuestion("1/2"));
  }

  @Test
  void kerasQuestionsAreDistinctRightPaddedAndSorted() {
    KerasAdditionProblem p = new KerasAdditionProblem(3);
    assertEquals(" +0123456789", p.alphabet().symbols());
    assertEquals(7, p.questionLength());
    assertEquals(4, p.answerLength());
    List<TextExample> data = p.dataSet(3000, new PythonRandom(1));
    Set<String> seen = new HashSet<>();
    for (TextExample e : data) {
      String[] terms = e.question().strip().split("\\+");
      int a = Integer.parseInt(terms[0]);
      int b = Integer.parseInt(terms[1]);
      assertTrue(seen.add(Math.min(a, b) + "+" + Math.max(a, b)), "repeated " + e.question());
      assertTrue(e.question().startsWith(terms[0]), "padded on the right: " + e.question());
      assertEquals(Padding.right(Integer.toString(a + b), 4, "answer"), e.answer());
    }
    assertEquals(55, new KerasAdditionProblem(1).distinctQuestions());
    assertThrows(IllegalArgumentException.class,
        () -> new KerasAdditionProblem(1).dataSet(56, new PythonRandom(1)));
    assertEquals("12+7   ", p.parseQuestion("012 + 7"));
    assertThrows(IllegalArgumentException.class, () -> p.parseQuestion("1234+1"));
  }
}
