package dev.seq2seq4j.data;

/** Space padding of questions and answers to their fixed widths. */
public final class Padding {
  private Padding() {}

  /**
   * Pads on the left, as Brownlee's {@code to_string} does ({@code " 9"}).
   *
   * @param text the text
   * @param width the width
   * @param what what the text is, for the message
   * @return the padded text
   * @throws IllegalArgumentException if the text is wider than {@code width}
   */
  public static String left(String text, int width, String what) {
    return " ".repeat(room(text, width, what)) + text;
  }

  /**
   * Pads on the right, as Keras's addition example does ({@code "9  "}).
   *
   * @param text the text
   * @param width the width
   * @param what what the text is, for the message
   * @return the padded text
   * @throws IllegalArgumentException if the text is wider than {@code width}
   */
  public static String right(String text, int width, String what) {
    return text + " ".repeat(room(text, width, what));
  }

  private static int room(String text, int width, String what) {
    if (text.length() > width) {
      throw new IllegalArgumentException(what + " \"" + text + "\" has " + text.length()
          + " characters, more than the width " + width);
    }
    return width - text.length();
  }

  /**
   * Python's {@code len(str(v))}: the characters of a whole number, minus sign included.
   *
   * @param v the number
   * @return its width
   */
  public static int widthOf(long v) {
    return Long.toString(v).length();
  }
}
