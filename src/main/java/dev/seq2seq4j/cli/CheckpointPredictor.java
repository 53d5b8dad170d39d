package dev.seq2seq4j.cli;

import dev.seq2seq4j.tutorials.TrainedRecipe;
import java.nio.file.Path;

/** Answers with a model saved by {@code train --save DIR}. */
final class CheckpointPredictor implements Predictor {
  private final TrainedRecipe trained;

  private CheckpointPredictor(TrainedRecipe trained) {
    this.trained = trained;
  }

  /**
   * Loads the checkpoint in {@code dir}.
   *
   * @throws IllegalArgumentException if it is missing or not a recipe checkpoint
   */
  static CheckpointPredictor open(Path dir) {
    return new CheckpointPredictor(TrainedRecipe.load(dir));
  }

  @Override
  public String answer(String question) {
    try {
      return trained.answer(question);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("invalid input for " + trained.recipe().name() + ": "
          + e.getMessage() + " (example: \""
          + trained.recipe().exampleQuestion(trained.config()) + "\")");
    }
  }

  @Override
  public void close() {
    trained.close();
  }
}
