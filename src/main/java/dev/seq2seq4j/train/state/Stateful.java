package dev.seq2seq4j.train.state;

/**
 * A training listener whose decisions depend on earlier epochs (EarlyStopping's best value and
 * patience count): it hands its state to the {@link TrainingState} and takes it back on resume,
 * so a resumed run decides exactly as an uninterrupted one.
 */
public interface Stateful {
  /**
   * A key that tells this listener's state from the others' in one run.
   *
   * @return e.g. {@code early_stopping(val_loss)}
   */
  String stateKey();

  /**
   * The listener's state after the epoch that just ended.
   *
   * @return the state
   */
  ListenerState saveState();

  /**
   * Takes back a state from {@link #saveState()}; called after {@code onTrainBegin}.
   *
   * @param state the saved state
   * @throws IllegalArgumentException if the state lacks a value the listener needs
   */
  void restoreState(ListenerState state);
}
