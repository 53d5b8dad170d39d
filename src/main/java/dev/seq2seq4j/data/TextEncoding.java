package dev.seq2seq4j.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link TextProblem}'s examples into tensors and a model's output back into answers.
 * Answers are always one-hot {@code [n, answerLength, alphabet]}; questions are one-hot {@code
 * [n, questionLength, alphabet]} or, for an Embedding, symbol indices {@code [n,
 * questionLength]}. With {@code reverseQuestions} every padded question is fed back to front
 * ({@code " 3+10"} as {@code "01+3 "}), the trick of Sutskever et al. that Keras's addition
 * example uses.
 */
public final class TextEncoding {
  private final TextProblem problem;
  private final boolean reverseQuestions;
  private final boolean indices;
  private final boolean reverseAnswers;

  private TextEncoding(TextProblem problem, boolean reverseQuestions, boolean indices,
      boolean reverseAnswers) {
    this.problem = problem;
    this.reverseQuestions = reverseQuestions;
    this.indices = indices;
    this.reverseAnswers = reverseAnswers;
  }

  /**
   * One-hot questions.
   *
   * @param problem the problem
   * @param reverseQuestions whether questions are fed back to front
   * @return the encoding
   */
  public static TextEncoding oneHot(TextProblem problem, boolean reverseQuestions) {
    return new TextEncoding(problem, reverseQuestions, false, false);
  }

  /**
   * Questions as symbol indices, for an Embedding.
   *
   * @param problem the problem
   * @param reverseQuestions whether questions are fed back to front
   * @return the encoding
   */
  public static TextEncoding indices(TextProblem problem, boolean reverseQuestions) {
    return new TextEncoding(problem, reverseQuestions, true, false);
  }

  /**
   * The same encoding with answers written back to front, ones digit first ({@code " 408"} as
   * {@code "804 "}), the order column arithmetic produces digits in; decoding turns them round.
   *
   * @return the encoding
   */
  public TextEncoding withReversedAnswers() {
    return new TextEncoding(problem, reverseQuestions, indices, true);
  }

  /**
   * The problem encoded.
   *
   * @return the problem
   */
  public TextProblem problem() {
    return problem;
  }

  /**
   * The per-sample shape of the encoded questions.
   *
   * @return {@code [questionLength]} for indices, {@code [questionLength, alphabet]} for one-hot
   */
  public long[] questionShape() {
    int t = problem.questionLength();
    return indices ? new long[] {t} : new long[] {t, problem.alphabet().size()};
  }

  /**
   * Encodes examples.
   *
   * @param examples at least one, with strings of the problem's widths
   * @return x the questions, y the one-hot answers
   * @throws IllegalArgumentException if a string has the wrong width or an unknown symbol
   */
  public Dataset encode(List<TextExample> examples) {
    List<String> questions = new ArrayList<>(examples.size());
    List<String> answers = new ArrayList<>(examples.size());
    for (TextExample e : examples) {
      questions.add(e.question());
      answers.add(reverseAnswers ? reverse(e.answer()) : e.answer());
    }
    return Dataset.of(encodeQuestions(questions), oneHot(answers, problem.answerLength()));
  }

  /**
   * Encodes padded questions alone (for prediction).
   *
   * @param questions at least one, each of the question width
   * @return the model input
   * @throws IllegalArgumentException if a question has the wrong width or an unknown symbol
   */
  public FloatBlock encodeQuestions(List<String> questions) {
    List<String> fed = new ArrayList<>(questions.size());
    for (String q : questions) {
      fed.add(reverseQuestions ? reverse(q) : q);
    }
    if (!indices) {
      return oneHot(fed, problem.questionLength());
    }
    int t = problem.questionLength();
    float[] x = new float[Math.multiplyExact(fed.size(), t)];
    for (int i = 0; i < fed.size(); i++) {
      int[] codes = problem.alphabet().integerEncode(requireWidth(fed.get(i), t, "question"));
      for (int k = 0; k < t; k++) {
        x[i * t + k] = codes[k];
      }
    }
    return FloatBlock.wrap(x, fed.size(), t);
  }

  private FloatBlock oneHot(List<String> texts, int width) {
    Alphabet alphabet = problem.alphabet();
    int depth = alphabet.size();
    int n = texts.size();
    float[] data = new float[Math.multiplyExact(n, Math.multiplyExact(width, depth))];
    for (int i = 0; i < n; i++) {
      int[] codes = alphabet.integerEncode(requireWidth(texts.get(i), width, "text"));
      OneHot.encodeInto(codes, depth, data, i * width * depth);
    }
    return FloatBlock.wrap(data, n, width, depth);
  }

  private static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }

  private static String requireWidth(String text, int width, String what) {
    if (text.length() != width) {
      throw new IllegalArgumentException(what + " \"" + text + "\" has " + text.length()
          + " characters, not " + width);
    }
    return text;
  }

  /**
   * Decodes one answer (argmax per step, padding kept), e.g. {@code " 9"}.
   *
   * @param probsRow {@code answerLength * alphabet} scores
   * @return the answer string
   */
  public String decodeAnswer(float[] probsRow) {
    return ordered(problem.alphabet().decodeArgmax(probsRow, problem.answerLength()));
  }

  /**
   * Decodes one answer given as symbol indices in the encoded order (a greedy decoder's
   * tokens), e.g. {@code " 9"}.
   *
   * @param tokens {@code answerLength} indices
   * @return the answer string
   */
  public String decodeAnswer(int[] tokens) {
    return ordered(problem.alphabet().decode(tokens));
  }

  private String ordered(String encodedOrder) {
    return reverseAnswers ? reverse(encodedOrder) : encodedOrder;
  }

  /**
   * Decodes every row of a model's output.
   *
   * @param probs {@code [n, answerLength, alphabet]}
   * @return the answers, padding kept
   */
  public List<String> decodeAnswers(FloatBlock probs) {
    List<String> out = new ArrayList<>(probs.rows());
    for (int i = 0; i < probs.rows(); i++) {
      out.add(decodeAnswer(probs.row(i)));
    }
    return out;
  }
}
