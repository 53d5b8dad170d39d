package dev.seq2seq4j.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The data of Keras's {@code addition_rnn} example: each term has {@code randint(1, DIGITS)}
 * random digits (so leading zeros vanish and small numbers are common), questions such as
 * {@code "345+8"} are padded on the right to {@code MAXLEN = DIGITS + 1 + DIGITS}, answers on the
 * right to {@code DIGITS + 1}, over Keras's sorted alphabet {@code " +0123456789"}. A data set
 * holds no question twice, counting {@code a+b} and {@code b+a} as one, as the example's
 * {@code seen} set does. (Keras draws with NumPy; this draws the same distribution from
 * CPython's generator.)
 *
 * @param digits the most digits of a term, 1 to 9
 */
public record KerasAdditionProblem(int digits) implements TextProblem {

  /**
   * Validates the size.
   *
   * @param digits the most digits of a term
   * @throws IllegalArgumentException if it is outside [1, 9]
   */
  public KerasAdditionProblem {
    if (digits < 1 || digits > 9) {
      throw new IllegalArgumentException("digits must be in [1, 9], got " + digits);
    }
  }

  @Override
  public Alphabet alphabet() {
    return Alphabet.of(" +0123456789");
  }

  @Override
  public int questionLength() {
    return 2 * digits + 1;
  }

  @Override
  public int answerLength() {
    return digits + 1;
  }

  /**
   * The number of different questions, {@code m(m + 1) / 2} for {@code m = 10^digits} terms.
   *
   * @return the count
   */
  public long distinctQuestions() {
    long m = 1;
    for (int i = 0; i < digits; i++) {
      m *= 10;
    }
    return m * (m + 1) / 2;
  }

  private int term(PythonRandom rnd) {
    int n = rnd.randint(1, digits);
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = 10 * v + rnd.randint(0, 9);
    }
    return v;
  }

  /**
   * One question: two terms, each {@code randint(1, digits)} digits of {@code randint(0, 9)}.
   *
   * @param rnd the random source
   * @return the example (one group: {@code "addition"})
   */
  @Override
  public TextExample draw(PythonRandom rnd) {
    return example(term(rnd), term(rnd));
  }

  private TextExample example(int a, int b) {
    return new TextExample(Padding.right(a + "+" + b, questionLength(), "question"),
        Padding.right(Integer.toString(a + b), answerLength(), "answer"), "addition");
  }

  /**
   * The example's data set: questions drawn until {@code n} different ones are collected, as
   * the example's {@code seen} set does.
   *
   * @param n how many, at most {@link #distinctQuestions()}
   * @param rnd the random source
   * @return the examples in drawing order
   * @throws IllegalArgumentException if there are not {@code n} different questions
   */
  @Override
  public List<TextExample> dataSet(int n, PythonRandom rnd) {
    if (n < 1 || n > distinctQuestions()) {
      throw new IllegalArgumentException("there are " + distinctQuestions()
          + " different questions with " + digits + " digits; asked for " + n);
    }
    Set<Long> seen = new HashSet<>();
    List<TextExample> out = new ArrayList<>(n);
    while (out.size() < n) {
      int a = term(rnd);
      int b = term(rnd);
      long key = (long) Math.min(a, b) * 1_000_000_000L + Math.max(a, b);
      if (seen.add(key)) {
        out.add(example(a, b));
      }
    }
    return out;
  }

  /**
   * Reads {@code "345+8"}: two terms of at most {@code digits} digits.
   *
   * @param userText the question
   * @return the padded question
   * @throws IllegalArgumentException naming the problem
   */
  @Override
  public String parseQuestion(String userText) {
    String text = userText == null ? "" : userText.replace(" ", "");
    String term = "\\d{1," + digits + "}";
    if (!text.matches(term + "\\+" + term)) {
      throw new IllegalArgumentException("expected two terms of up to " + digits
          + " digits joined by '+', e.g. \"" + exampleQuestion() + "\", not \"" + userText + "\"");
    }
    String[] parts = text.split("\\+");
    return Padding.right(Long.parseLong(parts[0]) + "+" + Long.parseLong(parts[1]),
        questionLength(), "question");
  }

  @Override
  public String exampleQuestion() {
    String nine = "345678912".substring(0, digits);
    return nine + "+" + nine.substring(0, Math.max(1, digits - 1));
  }
}
