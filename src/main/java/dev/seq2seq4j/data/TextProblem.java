package dev.seq2seq4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A character-level question-answering problem: questions and answers are strings over one
 * {@link Alphabet}, padded to fixed widths, as in Brownlee's adder ({@code " 3+10"} to
 * {@code "13"}) and Keras's addition example. Each problem draws its own random examples and
 * reads a user's question in its own notation; {@link TextEncoding} turns examples into tensors.
 */
public interface TextProblem {

  /**
   * The symbols of questions and answers, padding included.
   *
   * @return the alphabet
   */
  Alphabet alphabet();

  /**
   * The width every question is padded to.
   *
   * @return characters per question
   */
  int questionLength();

  /**
   * The width every answer is padded to.
   *
   * @return characters per answer
   */
  int answerLength();

  /**
   * Draws one random example, consuming {@code rnd} exactly as the problem's generator does.
   *
   * @param rnd the random source
   * @return the example
   */
  TextExample draw(PythonRandom rnd);

  /**
   * Draws examples one after another.
   *
   * @param n how many, at least 1
   * @param rnd the random source
   * @return the examples, in drawing order
   * @throws IllegalArgumentException if {@code n < 1}
   */
  default List<TextExample> draw(int n, PythonRandom rnd) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one example, got " + n);
    }
    List<TextExample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(draw(rnd));
    }
    return out;
  }

  /**
   * A fixed data set of {@code n} examples, built the way the problem's source builds one: by
   * default {@code n} draws ({@link KerasAdditionProblem} never repeats a question).
   *
   * @param n how many, at least 1
   * @param rnd the random source
   * @return the examples
   * @throws IllegalArgumentException if {@code n} examples cannot be drawn
   */
  default List<TextExample> dataSet(int n, PythonRandom rnd) {
    return draw(n, rnd);
  }

  /**
   * Reads a user's question, e.g. {@code "12+50"}, into the padded form the model reads.
   *
   * @param userText the question
   * @return the padded question, {@link #questionLength()} characters
   * @throws IllegalArgumentException with a one-line message naming the problem
   */
  String parseQuestion(String userText);

  /**
   * An example question in the problem's notation, for help texts and error messages.
   *
   * @return e.g. {@code "3+10"}
   */
  String exampleQuestion();
}
