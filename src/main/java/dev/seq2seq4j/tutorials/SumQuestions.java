package dev.seq2seq4j.tutorials;

/** Example questions for the addition recipes' help texts and error messages. */
final class SumQuestions {
  private SumQuestions() {}

  /**
   * An example sum such as {@code 3+10}: terms counting up by seven from 3, capped at
   * {@code largest}.
   *
   * @param terms the number of terms
   * @param largest the largest term
   * @return the question
   */
  static String example(int terms, int largest) {
    return example(terms, largest, "+");
  }

  /**
   * An example question joining the terms with operators in turn.
   *
   * @param terms the number of terms
   * @param largest the largest term
   * @param operators the operators to cycle through, e.g. {@code "+-*"}
   * @return e.g. {@code 3+10-17}
   */
  static String example(int terms, int largest, String operators) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < terms; i++) {
      if (i > 0) {
        sb.append(operators.charAt((i - 1) % operators.length()));
      }
      sb.append(Math.min(largest, 3 + 7 * i));
    }
    return sb.toString();
  }
}
