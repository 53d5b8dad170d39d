package dev.seq2seq4j.cli;

/**
 * A trained model that answers questions in its recipe's notation, whatever it was loaded from
 * (a checkpoint today; other sources plug in beside {@link CheckpointPredictor}).
 */
interface Predictor extends AutoCloseable {

  /**
   * Answers one question.
   *
   * @param question e.g. {@code "12+50"}
   * @return e.g. {@code "62"}
   * @throws IllegalArgumentException with a one-line message if the question is invalid
   */
  String answer(String question);

  @Override
  void close();
}
