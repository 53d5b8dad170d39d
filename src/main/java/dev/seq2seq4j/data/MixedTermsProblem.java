package dev.seq2seq4j.data;

/**
 * Brownlee's "variable numbers" extension: each question has between {@code minTerms} and
 * {@code maxTerms} terms in [1, largest] (the count drawn uniformly, then the terms), left-padded
 * with spaces to the width of the longest question, as the tutorial pads. One model answers all
 * of them; examples are grouped by their number of terms.
 *
 * @param minTerms the fewest terms, at least 1
 * @param maxTerms the most terms, at least {@code minTerms}
 * @param largest the largest term, at least 1
 */
public record MixedTermsProblem(int minTerms, int maxTerms, int largest) implements TextProblem {

  /**
   * Validates the configuration.
   *
   * @param minTerms the fewest terms
   * @param maxTerms the most terms
   * @param largest the largest term
   * @throws IllegalArgumentException if the counts are out of order or the sizes do not fit
   */
  public MixedTermsProblem {
    if (minTerms < 1 || maxTerms < minTerms) {
      throw new IllegalArgumentException("term counts must satisfy 1 <= min-terms <= terms, got "
          + minTerms + " and " + maxTerms);
    }
    new AdditionProblem(maxTerms, largest); // checks the widths fit
  }

  private AdditionProblem widest() {
    return new AdditionProblem(maxTerms, largest);
  }

  @Override
  public Alphabet alphabet() {
    return Alphabet.ADDITION;
  }

  @Override
  public int questionLength() {
    return widest().inputLength();
  }

  @Override
  public int answerLength() {
    return widest().outputLength();
  }

  /**
   * Draws the number of terms with {@code randint(minTerms, maxTerms)}, then each term with
   * {@code randint(1, largest)}.
   *
   * @param rnd the random source
   * @return the example, grouped as e.g. {@code "3 terms"}
   */
  @Override
  public TextExample draw(PythonRandom rnd) {
    int n = rnd.randint(minTerms, maxTerms);
    StringBuilder q = new StringBuilder();
    int sum = 0;
    for (int j = 0; j < n; j++) {
      int term = rnd.randint(1, largest);
      q.append(j == 0 ? "" : "+").append(term);
      sum += term;
    }
    return new TextExample(Padding.left(q.toString(), questionLength(), "question"),
        Padding.left(Integer.toString(sum), answerLength(), "answer"), n + " terms");
  }

  /**
   * Reads {@code "3+10+7"}: {@code minTerms} to {@code maxTerms} terms in [0, largest].
   *
   * @param userText the question
   * @return the padded question
   * @throws IllegalArgumentException naming the problem
   */
  @Override
  public String parseQuestion(String userText) {
    String text = userText == null ? "" : userText.strip();
    int count = text.isEmpty() ? 0 : text.split("\\+", -1).length;
    if (count < minTerms || count > maxTerms) {
      throw new IllegalArgumentException("expected " + minTerms + " to " + maxTerms
          + " terms separated by '+' but \"" + text + "\" has " + count);
    }
    int[] terms = new AdditionProblem(count, largest).parseTerms(text);
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < terms.length; i++) {
      q.append(i == 0 ? "" : "+").append(terms[i]);
    }
    return Padding.left(q.toString(), questionLength(), "question");
  }

  @Override
  public String exampleQuestion() {
    return new AdditionProblem(maxTerms, largest).exampleQuestion();
  }
}
