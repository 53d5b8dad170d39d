package dev.seq2seq4j.data;

import java.util.Objects;

/**
 * One example of a character-level problem: the question and the answer as the padded strings
 * the model reads and writes (e.g. {@code " 3+10"} and {@code "13"}), and the group it is
 * reported under (its number of terms, operator or bracket depth).
 *
 * @param question the padded question, exactly the problem's question width
 * @param answer the padded answer, exactly the problem's answer width
 * @param group the reporting group, e.g. {@code "3 terms"}
 */
public record TextExample(String question, String answer, String group) {

  /**
   * Checks that every part is present.
   *
   * @param question the padded question
   * @param answer the padded answer
   * @param group the group
   */
  public TextExample {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(group, "group");
  }
}
