package dev.seq2seq4j.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brownlee's "variable mathematical operations" extension: two terms in [1, largest] joined by
 * one of several operators ({@code +}, {@code -}, {@code *}), e.g. {@code "12*34"} to
 * {@code "408"} or {@code " 3-10"} to {@code "-7"}. The alphabet grows by the operators, the
 * answer width by the widest result (a product, or a negative difference with its minus sign);
 * both sides are left-padded as in the tutorial. Examples are grouped by operator
 * ({@link #groupOf}).
 *
 * @param largest the largest term, at least 1
 * @param operators the operators, some of {@code "+-*"}, each once
 */
public record ArithmeticProblem(int largest, String operators) implements TextProblem {
  private static final String ALL = "+-*";
  private static final Pattern QUESTION = Pattern.compile("(\\d{1,9})([+*-])(\\d{1,9})");

  /**
   * Validates the configuration.
   *
   * @param largest the largest term
   * @param operators the operators
   * @throws IllegalArgumentException if an operator is unknown or repeated, or a product would
   *     not fit an {@code int}
   */
  public ArithmeticProblem {
    if (largest < 1 || largest > 46_340) {
      throw new IllegalArgumentException("largest must be in [1, 46340], got " + largest);
    }
    if (operators == null || operators.isEmpty()
        || operators.chars().distinct().count() != operators.length()
        || !operators.chars().allMatch(c -> ALL.indexOf(c) >= 0)) {
      throw new IllegalArgumentException("operators must be some of \"" + ALL
          + "\", each once, got \"" + operators + "\"");
    }
  }

  @Override
  public Alphabet alphabet() {
    return Alphabet.of("0123456789" + ALL + " ");
  }

  private int termWidth() {
    return Padding.widthOf(largest);
  }

  @Override
  public int questionLength() {
    return 2 * termWidth() + 1;
  }

  @Override
  public int answerLength() {
    int w = 1;
    for (char op : operators.toCharArray()) {
      // The extremes of each operator over [1, largest]^2.
      w = Math.max(w, Padding.widthOf(apply(largest, op, largest)));
      w = Math.max(w, Padding.widthOf(apply(1, op, largest)));
    }
    return w;
  }

  /**
   * The value of {@code a op b}.
   *
   * @param a the first term
   * @param op {@code +}, {@code -} or {@code *}
   * @param b the second term
   * @return the result
   */
  public static int apply(int a, char op, int b) {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      default:
        throw new IllegalArgumentException("unknown operator '" + op + "'");
    }
  }

  /**
   * Draws {@code randint(1, largest)}, an operator with {@code randrange(len(operators))}, then
   * {@code randint(1, largest)}.
   *
   * @param rnd the random source
   * @return the example, grouped by its operator
   */
  @Override
  public TextExample draw(PythonRandom rnd) {
    int a = rnd.randint(1, largest);
    char op = operators.charAt(rnd.randrange(operators.length()));
    int b = rnd.randint(1, largest);
    return example(a, op, b);
  }

  private TextExample example(int a, char op, int b) {
    String q = Padding.left(a + String.valueOf(op) + b, questionLength(), "question");
    String ans = Padding.left(Integer.toString(apply(a, op, b)), answerLength(), "answer");
    return new TextExample(q, ans, groupOf(op));
  }

  /**
   * The group an operator's examples are reported under.
   *
   * @param op {@code +}, {@code -} or {@code *}
   * @return {@code addition}, {@code subtraction} or {@code multiplication}
   */
  public static String groupOf(char op) {
    switch (op) {
      case '+':
        return "addition";
      case '-':
        return "subtraction";
      default:
        return "multiplication";
    }
  }

  /**
   * Reads {@code "12*34"} or {@code "12 - 34"}: two terms in [0, largest] and one operator.
   *
   * @param userText the question
   * @return the padded question
   * @throws IllegalArgumentException naming the problem
   */
  @Override
  public String parseQuestion(String userText) {
    String text = userText == null ? "" : userText.replace(" ", "");
    Matcher m = QUESTION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected two terms joined by one of \"" + operators
          + "\", e.g. \"" + exampleQuestion() + "\", not \"" + userText + "\"");
    }
    char op = m.group(2).charAt(0);
    if (operators.indexOf(op) < 0) {
      throw new IllegalArgumentException("operator '" + op + "' is not one of \"" + operators
          + "\"");
    }
    int a = term(m.group(1), 1);
    int b = term(m.group(3), 2);
    return Padding.left(a + String.valueOf(op) + b, questionLength(), "question");
  }

  private int term(String digits, int index) {
    long v = Long.parseLong(digits);
    if (v > largest) {
      throw new IllegalArgumentException("term " + index + " (" + digits + ") is outside [0, "
          + largest + "]");
    }
    return (int) v;
  }

  @Override
  public String exampleQuestion() {
    return Math.min(largest, 12) + String.valueOf(operators.charAt(operators.length() - 1))
        + Math.min(largest, 34);
  }
}
