package dev.seq2seq4j.train;

import dev.seq2seq4j.nn.Weights;

/** What a {@link TrainingListener} may see and do while a model trains. */
public interface TrainingContext {
  /** Asks the loop to stop after the current epoch. */
  void stopTraining();

  /** Whether a listener has asked to stop. */
  boolean stopRequested();

  /** The number of epochs asked for. */
  int epochs();

  /** A copy of the model's current weights by qualified name. */
  Weights weights();

  /** Overwrites some or all of the model's weights. */
  void setWeights(Weights weights);
}
