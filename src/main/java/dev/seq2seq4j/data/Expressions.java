package dev.seq2seq4j.data;

/**
 * Evaluates arithmetic expressions of whole numbers with {@code + - *} and brackets, by the
 * usual rules: brackets first, {@code *} before {@code +} and {@code -}, left to right within a
 * level ({@code 2+3*4} is 14, {@code (12+3)*4} is 60, {@code 8-3-2} is 3). Spaces are ignored.
 * A recursive-descent parser over the grammar
 *
 * <pre>
 *   expr   := term (('+' | '-') term)*
 *   term   := factor ('*' factor)*
 *   factor := number | '(' expr ')'
 * </pre>
 */
public final class Expressions {
  private final String text;
  private int pos;

  private Expressions(String text) {
    this.text = text.replace(" ", "");
  }

  /**
   * The value of an expression.
   *
   * @param expression e.g. {@code "(12+3)*4"}
   * @return its value
   * @throws IllegalArgumentException naming the position of a syntax error, or if the value
   *     overflows a {@code long}
   */
  public static long evaluate(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("empty expression");
    }
    Expressions p = new Expressions(expression);
    long v = p.expr();
    if (p.pos != p.text.length()) {
      throw p.error("unexpected '" + p.text.charAt(p.pos) + "'");
    }
    return v;
  }

  /**
   * The deepest bracket nesting of an expression: 0 for {@code 1+2}, 1 for {@code (1+2)*3}, 2 for
   * {@code ((1+2)*3)-4}.
   *
   * @param expression the expression
   * @return the depth
   */
  public static int depth(String expression) {
    int depth = 0;
    int open = 0;
    for (char c : expression.toCharArray()) {
      if (c == '(') {
        depth = Math.max(depth, ++open);
      } else if (c == ')') {
        open--;
      }
    }
    return depth;
  }

  private long expr() {
    long v = term();
    while (pos < text.length() && (peek() == '+' || peek() == '-')) {
      char op = text.charAt(pos++);
      long r = term();
      v = op == '+' ? Math.addExact(v, r) : Math.subtractExact(v, r);
    }
    return v;
  }

  private long term() {
    long v = factor();
    while (pos < text.length() && peek() == '*') {
      pos++;
      v = Math.multiplyExact(v, factor());
    }
    return v;
  }

  private long factor() {
    if (pos >= text.length()) {
      throw error("expression ends early");
    }
    if (peek() == '(') {
      pos++;
      long v = expr();
      if (pos >= text.length() || peek() != ')') {
        throw error("missing ')'");
      }
      pos++;
      return v;
    }
    int start = pos;
    while (pos < text.length() && Character.isDigit(peek())) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a number or '('");
    }
    if (pos - start > 18) {
      throw error("number too long");
    }
    return Long.parseLong(text.substring(start, pos));
  }

  private char peek() {
    return text.charAt(pos);
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at position " + pos + " of \"" + text + "\"");
  }
}
