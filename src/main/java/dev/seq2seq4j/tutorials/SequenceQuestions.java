package dev.seq2seq4j.tutorials;

import java.util.Locale;

/**
 * The notation of the reverse recipes' questions and answers: digits separated by spaces or
 * commas, optionally in brackets ({@code "3 2 9 1"}, {@code "[3, 2, 9, 1]"}).
 */
final class SequenceQuestions {
  private static final int[] EXAMPLE_DIGITS = {3, 2, 9, 1};

  private SequenceQuestions() {}

  /**
   * Parses a question of exactly {@code length} values in [0, values).
   *
   * @param question the user's text
   * @param length the number of values expected
   * @param values the number of distinct values
   * @return the values
   * @throws IllegalArgumentException naming the problem
   */
  static int[] parse(String question, int length, int values) {
    return parse(question, length, length, values);
  }

  /**
   * Parses a question of {@code minLength} to {@code maxLength} values in [0, values).
   *
   * @param question the user's text
   * @param minLength the fewest values
   * @param maxLength the most values
   * @param values the number of distinct values
   * @return the values
   * @throws IllegalArgumentException naming the problem
   */
  static int[] parse(String question, int minLength, int maxLength, int values) {
    String text = question == null ? "" : question.strip();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1).strip();
    }
    String count = minLength == maxLength ? Integer.toString(maxLength)
        : minLength + " to " + maxLength;
    String example = String.format(Locale.ROOT, "e.g. \"%s\"", example(maxLength));
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty sequence: expected " + count
          + " digits in [0, " + (values - 1) + "] separated by spaces, " + example);
    }
    String[] parts = text.split("[\\s,]+");
    if (parts.length < minLength || parts.length > maxLength) {
      throw new IllegalArgumentException("expected " + count + " values but \""
          + question.strip() + "\" has " + parts.length + ", " + example);
    }
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].matches("\\d{1,9}")) {
        throw new IllegalArgumentException("value " + (i + 1) + " (\"" + parts[i]
            + "\") is not a whole number in [0, " + (values - 1) + "]");
      }
      out[i] = Integer.parseInt(parts[i]);
      if (out[i] >= values) {
        throw new IllegalArgumentException("value " + (i + 1) + " (" + out[i]
            + ") is outside [0, " + (values - 1) + "]");
      }
    }
    return out;
  }

  /**
   * An example question of a length: {@code 3 2 9 1} repeated or cut.
   *
   * @param length the number of values, at least 1
   * @return e.g. {@code "3 2 9 1"}
   */
  static String example(int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.max(1, length); i++) {
      sb.append(i == 0 ? "" : " ").append(EXAMPLE_DIGITS[i % EXAMPLE_DIGITS.length]);
    }
    return sb.toString();
  }

  /**
   * An answer in the same notation.
   *
   * @param values the values
   * @return e.g. {@code "1 9 2 3"}
   */
  static String format(int[] values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      sb.append(sb.length() == 0 ? "" : " ").append(v);
    }
    return sb.toString();
  }
}
