package dev.seq2seq4j.data;

import java.util.Objects;

/**
 * Brownlee's addition-as-a-sequence problem: {@code nNumbers} random terms in [1, largest] are
 * written as a left-padded string such as {@code " 3+10"}, and the model must write their sum as
 * a left-padded string such as {@code "13"}, both one-hot over {@link Alphabet#ADDITION}.
 *
 * <p>As a {@link TextProblem} it draws one example at a time with the same draws, so {@link
 * TextEncoding} of its examples equals {@link #generate}.
 *
 * <p>Every step mirrors the tutorial's functions ({@code random_sum_pairs}, {@code to_string},
 * {@code integer_encode}, {@code one_hot_encode}, {@code generate_data}, {@code invert}) so that
 * the same seed gives the same data as the Python original.
 *
 * @param nNumbers number of terms per example, at least 1
 * @param largest largest term drawn, at least 1
 */
public record AdditionProblem(int nNumbers, int largest) implements TextProblem {

  /** The tutorial's seq2seq configuration: two terms in [1, 10]. */
  public static final AdditionProblem TUTORIAL = new AdditionProblem(2, 10);

  /**
   * Validates the configuration.
   *
   * @param nNumbers number of terms per example, at least 1
   * @param largest largest term drawn, at least 1
   * @throws IllegalArgumentException if {@code nNumbers < 1}, {@code largest < 1}, or the
   *     sums or string widths would not fit an {@code int}
   */
  public AdditionProblem {
    if (nNumbers < 1) {
      throw new IllegalArgumentException("nNumbers must be >= 1, got " + nNumbers);
    }
    if (largest < 1) {
      throw new IllegalArgumentException("largest must be >= 1, got " + largest);
    }
    long bound = (long) nNumbers * (largest + 1L);
    long inputLength = (long) nNumbers * (ceilLog10(largest + 1L) + 1) - 1;
    if (bound > Integer.MAX_VALUE || inputLength > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("nNumbers = " + nNumbers + " and largest = "
          + largest + " are too large: nNumbers * (largest + 1) must fit an int");
    }
  }

  /**
   * Python's {@code ceil(log10(m))} for {@code m >= 1}, computed exactly with integers so that
   * no floating-point rounding near powers of ten can change a width.
   */
  static int ceilLog10(long m) {
    int k = 0;
    long power = 1;
    while (power < m) {
      power *= 10;
      k++;
    }
    return k;
  }

  /**
   * The alphabet of input and output strings.
   *
   * @return {@link Alphabet#ADDITION}
   */
  @Override
  public Alphabet alphabet() {
    return Alphabet.ADDITION;
  }

  /**
   * The question width, {@link #inputLength()}.
   *
   * @return characters per question
   */
  @Override
  public int questionLength() {
    return inputLength();
  }

  /**
   * The answer width, {@link #outputLength()}.
   *
   * @return characters per answer
   */
  @Override
  public int answerLength() {
    return outputLength();
  }

  /**
   * One example, drawn as {@link #randomSumPairs} draws each: {@code nNumbers} times
   * {@code randint(1, largest)}.
   *
   * @param rnd the random source
   * @return the padded question and sum, grouped by the number of terms
   */
  @Override
  public TextExample draw(PythonRandom rnd) {
    int[] terms = new int[nNumbers];
    int sum = 0;
    for (int j = 0; j < nNumbers; j++) {
      terms[j] = rnd.randint(1, largest);
      sum += terms[j];
    }
    return new TextExample(toInputString(terms), toOutputString(sum), nNumbers + " terms");
  }

  /**
   * Reads a user's question, as {@link #parseInput(String)}.
   *
   * @param userText the question
   * @return the padded question
   * @throws IllegalArgumentException if the question is invalid
   */
  @Override
  public String parseQuestion(String userText) {
    return parseInput(userText);
  }

  /**
   * An example question such as {@code 3+10}: terms counting up by seven from 3, capped at
   * {@code largest}.
   *
   * @return the question
   */
  @Override
  public String exampleQuestion() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < nNumbers; i++) {
      sb.append(i == 0 ? "" : "+").append(Math.min(largest, 3 + 7 * i));
    }
    return sb.toString();
  }

  /**
   * Characters reserved per term: {@code ceil(log10(largest + 1))}, the digits of
   * {@code largest}.
   *
   * @return the term width
   */
  public int termWidth() {
    return ceilLog10(largest + 1L);
  }

  /**
   * Length of every input string, the tutorial's
   * {@code n_numbers * ceil(log10(largest + 1)) + n_numbers - 1}.
   *
   * @return the number of input steps
   */
  public int inputLength() {
    return nNumbers * termWidth() + nNumbers - 1;
  }

  /**
   * Length of every output string, the tutorial's {@code ceil(log10(n_numbers * (largest + 1)))}.
   *
   * @return the number of output steps
   */
  public int outputLength() {
    return ceilLog10((long) nNumbers * (largest + 1L));
  }

  /**
   * The tutorial's {@code random_sum_pairs} (unscaled): for each example, {@code nNumbers}
   * draws of {@code randint(1, largest)} in order, then their sum.
   *
   * @param nExamples number of examples, at least 1
   * @param rnd the random source; seeded like Python it gives Python's examples
   * @return the examples
   * @throws IllegalArgumentException if {@code nExamples < 1}
   */
  public SumPairs randomSumPairs(int nExamples, PythonRandom rnd) {
    if (nExamples < 1) {
      throw new IllegalArgumentException("nExamples must be >= 1, got " + nExamples);
    }
    Objects.requireNonNull(rnd, "rnd");
    int[][] terms = new int[nExamples][nNumbers];
    int[] sums = new int[nExamples];
    for (int i = 0; i < nExamples; i++) {
      int sum = 0;
      for (int j = 0; j < nNumbers; j++) {
        terms[i][j] = rnd.randint(1, largest);
        sum += terms[i][j]; // cannot overflow: nNumbers * largest fits an int
      }
      sums[i] = sum;
    }
    return SumPairs.wrap(terms, sums);
  }

  /**
   * The input half of the tutorial's {@code to_string}: terms joined by {@code '+'} and
   * left-padded with spaces to {@link #inputLength()}.
   *
   * @param terms non-negative terms; their joined text must fit the width
   * @return the padded string, e.g. {@code " 3+10"}
   * @throws IllegalArgumentException if there are no terms, a term is negative, or the joined
   *     text is longer than the input width
   */
  public String toInputString(int... terms) {
    if (terms == null || terms.length == 0) {
      throw new IllegalArgumentException("need at least one term");
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < terms.length; i++) {
      if (terms[i] < 0) {
        throw new IllegalArgumentException("term " + (i + 1) + " is negative ("
            + terms[i] + "); the addition alphabet has no minus sign");
      }
      if (i > 0) {
        sb.append('+');
      }
      sb.append(terms[i]);
    }
    return padLeft(sb.toString(), inputLength(), "input");
  }

  /**
   * The output half of the tutorial's {@code to_string}: the sum left-padded with spaces to
   * {@link #outputLength()}.
   *
   * @param sum a non-negative sum that fits the width
   * @return the padded string, e.g. {@code "13"} or {@code " 9"}
   * @throws IllegalArgumentException if the sum is negative or too wide
   */
  public String toOutputString(int sum) {
    if (sum < 0) {
      throw new IllegalArgumentException("sum is negative (" + sum
          + "); the addition alphabet has no minus sign");
    }
    return padLeft(Integer.toString(sum), outputLength(), "output");
  }

  private String padLeft(String text, int width, String what) {
    if (text.length() > width) {
      throw new IllegalArgumentException("\"" + text + "\" has " + text.length()
          + " characters but the " + what + " width for nNumbers = " + nNumbers
          + ", largest = " + largest + " is " + width);
    }
    return " ".repeat(width - text.length()) + text;
  }

  /**
   * The tutorial's {@code to_string}, {@code integer_encode} and {@code one_hot_encode} for a
   * set of examples.
   *
   * @param pairs examples whose strings fit the widths
   * @return x {@code [n, inputLength, 12]} and y {@code [n, outputLength, 12]}, one-hot
   * @throws IllegalArgumentException if an example does not fit the widths
   */
  public Dataset encode(SumPairs pairs) {
    int n = pairs.size();
    int depth = alphabet().size();
    int inLen = inputLength();
    int outLen = outputLength();
    float[] x = new float[Math.multiplyExact(n, Math.multiplyExact(inLen, depth))];
    float[] y = new float[Math.multiplyExact(n, Math.multiplyExact(outLen, depth))];
    for (int i = 0; i < n; i++) {
      int[] in = alphabet().integerEncode(toInputString(pairs.terms(i)));
      int[] out = alphabet().integerEncode(toOutputString(pairs.sum(i)));
      OneHot.encodeInto(in, depth, x, i * inLen * depth);
      OneHot.encodeInto(out, depth, y, i * outLen * depth);
    }
    return Dataset.of(FloatBlock.wrap(x, n, inLen, depth), FloatBlock.wrap(y, n, outLen, depth));
  }

  /**
   * The tutorial's {@code generate_data}: random examples, one-hot encoded.
   *
   * @param nSamples number of samples, at least 1
   * @param rnd the random source
   * @return x {@code [n, inputLength, 12]} and y {@code [n, outputLength, 12]}
   * @throws IllegalArgumentException if {@code nSamples < 1}
   */
  public Dataset generate(int nSamples, PythonRandom rnd) {
    return encode(randomSumPairs(nSamples, rnd));
  }

  /**
   * Parses a question typed by a user, such as {@code "12+50"}, {@code " 3+10"} or
   * {@code "3 + 10"}: exactly {@code nNumbers} terms separated by {@code '+'}, spaces allowed
   * around terms. Each term must be in [0, largest]; 0 is accepted because it fits the
   * encoding, although training data only holds terms from 1.
   *
   * @param userText the question
   * @return the terms
   * @throws IllegalArgumentException naming the problem: a character other than digits,
   *     {@code '+'} and spaces, the wrong number of terms, an empty term, or a term above
   *     {@code largest}
   */
  public int[] parseTerms(String userText) {
    if (userText == null || userText.isBlank()) {
      throw new IllegalArgumentException("empty question: expected " + nNumbers
          + " terms separated by '+', e.g. \"" + example() + "\"");
    }
    String text = userText.strip();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '+' && c != ' ') {
        throw new IllegalArgumentException(Alphabet.describe(c) + " at position " + i
            + " of \"" + text + "\" is not allowed: use digits, '+' and spaces");
      }
    }
    String[] parts = text.split("\\+", -1);
    if (parts.length != nNumbers) {
      throw new IllegalArgumentException("expected " + nNumbers
          + " terms separated by '+' but \"" + text + "\" has " + parts.length);
    }
    int[] terms = new int[nNumbers];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        throw new IllegalArgumentException("term " + (i + 1) + " of \"" + text
            + "\" is empty");
      }
      if (part.indexOf(' ') >= 0) {
        throw new IllegalArgumentException("term " + (i + 1) + " of \"" + text
            + "\" contains a space: \"" + part + "\"");
      }
      String digits = part.replaceFirst("^0+(?=.)", ""); // leading zeros do not count
      if (digits.length() > termWidth() || Long.parseLong(digits) > largest) {
        throw new IllegalArgumentException("term " + (i + 1) + " (" + part
            + ") is outside [0, " + largest + "]");
      }
      terms[i] = Integer.parseInt(digits);
    }
    return terms;
  }

  /**
   * Parses a user's question (see {@link #parseTerms(String)}) and returns the padded model
   * input, e.g. {@code "3+10"} becomes {@code " 3+10"}. Leading zeros are dropped.
   *
   * @param userText the question
   * @return the input string of length {@link #inputLength()}
   * @throws IllegalArgumentException if the question is invalid
   */
  public String parseInput(String userText) {
    return toInputString(parseTerms(userText));
  }

  private String example() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < nNumbers; i++) {
      sb.append(i == 0 ? "" : "+").append(Math.min(largest, i + 1));
    }
    return sb.toString();
  }

  /**
   * Decodes one output sample (the tutorial's {@code invert}), keeping the padding, e.g.
   * {@code " 9"}: this is what the tutorial prints after {@code Expected=}.
   *
   * @param probsRow {@code outputLength * 12} scores, row-major {@code [steps, 12]}
   * @return the decoded string of length {@link #outputLength()}
   * @throws IllegalArgumentException if the length does not match
   */
  public String decodeOutput(float[] probsRow) {
    return alphabet().decodeArgmax(probsRow, outputLength());
  }

  /**
   * Decodes one output sample and trims the padding, e.g. {@code "9"}.
   *
   * @param probsRow {@code outputLength * 12} scores, row-major {@code [steps, 12]}
   * @return the predicted sum as text; it need not be a number if the model is untrained
   * @throws IllegalArgumentException if the length does not match
   */
  public String decodeSum(float[] probsRow) {
    return decodeOutput(probsRow).trim();
  }

  /**
   * Decodes one one-hot input sample back to its padded string, e.g. {@code " 3+10"}.
   *
   * @param oneHotRow {@code inputLength * 12} values, row-major {@code [steps, 12]}
   * @return the input string
   * @throws IllegalArgumentException if the length does not match
   */
  public String decodeInput(float[] oneHotRow) {
    return alphabet().decodeArgmax(oneHotRow, inputLength());
  }
}
