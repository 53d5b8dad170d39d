package dev.seq2seq4j.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brownlee's "brackets" extension: expressions of numbers in [1, largest] with {@code + - *}
 * and brackets nested up to {@code maxDepth} deep, e.g. {@code "(12+3)*4"} to {@code "60"}.
 * The nesting depth {@code d} is drawn uniformly from [0, maxDepth]; depth 0 is {@code a op b},
 * and depth {@code d} puts a bracketed depth {@code d - 1} expression on one side of an operator
 * and a number on the other ({@code ((3+4)*2)-5}, {@code 7*(2-(3+4))}). Every answer is computed
 * by {@link Expressions#evaluate} from the question text, so brackets and precedence mean what
 * they say. Both sides are left-padded; examples are grouped by depth.
 *
 * @param largest the largest number, at least 1
 * @param maxDepth the deepest nesting, 0 to 3
 */
public record BracketProblem(int largest, int maxDepth) implements TextProblem {
  private static final String OPERATORS = "+-*";
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  /**
   * Validates the configuration.
   *
   * @param largest the largest number
   * @param maxDepth the deepest nesting
   * @throws IllegalArgumentException if a size is out of range
   */
  public BracketProblem {
    if (largest < 1 || largest > 999) {
      throw new IllegalArgumentException("largest must be in [1, 999], got " + largest);
    }
    if (maxDepth < 0 || maxDepth > 3) {
      throw new IllegalArgumentException("depth must be in [0, 3], got " + maxDepth);
    }
  }

  @Override
  public Alphabet alphabet() {
    return Alphabet.of("0123456789" + OPERATORS + "() ");
  }

  @Override
  public int questionLength() {
    // maxDepth + 2 numbers, maxDepth + 1 operators, maxDepth pairs of brackets.
    return (maxDepth + 2) * Padding.widthOf(largest) + (maxDepth + 1) + 2 * maxDepth;
  }

  @Override
  public int answerLength() {
    int w = 1;
    long[] range = null;
    for (int d = 0; d <= maxDepth; d++) {
      range = d == 0 ? combine(number(), number()) : nest(range);
      w = Math.max(w, Math.max(Padding.widthOf(range[0]), Padding.widthOf(range[1])));
    }
    return w;
  }

  private long[] number() {
    return new long[] {1, largest};
  }

  /** The range of a bracketed expression in {@code inner} combined with a number, either side. */
  private long[] nest(long[] inner) {
    long[] left = combine(inner, number());
    long[] right = combine(number(), inner);
    return new long[] {Math.min(left[0], right[0]), Math.max(left[1], right[1])};
  }

  /**
   * The exact range of {@code a op b} over every operator, for independent operands in the
   * given ranges (extremes of + - * lie at the ranges' ends).
   */
  private static long[] combine(long[] a, long[] b) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (long x : a) {
      for (long y : b) {
        for (long v : new long[] {x + y, x - y, x * y}) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return new long[] {lo, hi};
  }

  /**
   * Draws the depth with {@code randint(0, maxDepth)}, then the expression from the inside out:
   * at depth 0 {@code randint(1, largest)}, an operator ({@code randrange(3)}), {@code randint};
   * at each further level a side ({@code randrange(2)}: 0 puts the bracket on the left), an
   * operator and a number.
   *
   * @param rnd the random source
   * @return the example, grouped as e.g. {@code "depth 2"}
   */
  @Override
  public TextExample draw(PythonRandom rnd) {
    int depth = rnd.randint(0, maxDepth);
    String e = rnd.randint(1, largest) + operator(rnd) + rnd.randint(1, largest);
    for (int d = 1; d <= depth; d++) {
      boolean bracketLeft = rnd.randrange(2) == 0;
      String op = operator(rnd);
      int n = rnd.randint(1, largest);
      e = bracketLeft ? "(" + e + ")" + op + n : n + op + "(" + e + ")";
    }
    long value = Expressions.evaluate(e);
    return new TextExample(Padding.left(e, questionLength(), "question"),
        Padding.left(Long.toString(value), answerLength(), "answer"), "depth " + depth);
  }

  private static String operator(PythonRandom rnd) {
    return String.valueOf(OPERATORS.charAt(rnd.randrange(OPERATORS.length())));
  }

  /**
   * Reads an expression such as {@code "(12+3)*4"}: digits, {@code + - *} and brackets, at most
   * {@code maxDepth} deep, numbers in [0, largest], no wider than the question width.
   *
   * @param userText the question
   * @return the padded question
   * @throws IllegalArgumentException naming the problem
   */
  @Override
  public String parseQuestion(String userText) {
    String text = userText == null ? "" : userText.replace(" ", "");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isDigit(c) && "+-*()".indexOf(c) < 0) {
        throw new IllegalArgumentException(Alphabet.describe(c) + " at position " + i + " of \""
            + text + "\" is not allowed: use digits, + - * and brackets");
      }
    }
    Expressions.evaluate(text); // the syntax check
    if (Expressions.depth(text) > maxDepth) {
      throw new IllegalArgumentException("\"" + text + "\" nests brackets "
          + Expressions.depth(text) + " deep; this model knows up to " + maxDepth);
    }
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      if (m.group().length() > 9 || Long.parseLong(m.group()) > largest) {
        throw new IllegalArgumentException("number " + m.group() + " is outside [0, "
            + largest + "]");
      }
    }
    return Padding.left(text, questionLength(), "question");
  }

  @Override
  public String exampleQuestion() {
    String a = Integer.toString(Math.min(largest, 12));
    String b = Integer.toString(Math.min(largest, 3));
    String c = Integer.toString(Math.min(largest, 4));
    return maxDepth == 0 ? a + "+" + b : "(" + a + "+" + b + ")*" + c;
  }
}
