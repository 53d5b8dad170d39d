package dev.seq2seq4j.train;

import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.state.SavedWeights;
import java.nio.file.Path;
import java.util.Map;

/**
 * The former name of {@link SavedWeights}, kept only until its last callers move: "checkpoint"
 * now means a {@link dev.seq2seq4j.train.state.TrainingState} (what {@code train
 * --checkpoint-every} writes), and weights saved for prediction are {@link SavedWeights}.
 *
 * @deprecated use {@link SavedWeights}
 */
@Deprecated(forRemoval = true)
public final class Checkpoint {
  private final SavedWeights saved;

  private Checkpoint(SavedWeights saved) {
    this.saved = saved;
  }

  /** The weights by qualified name, in saved order. */
  public Weights weights() {
    return saved.weights();
  }

  /** The metadata saved with the weights. */
  public Map<String, Object> metadata() {
    return saved.metadata();
  }

  /** Same as {@link SavedWeights#save}. */
  public static void save(Path dir, Weights weights, Map<String, Object> metadata) {
    SavedWeights.save(dir, weights, metadata);
  }

  /** Same as {@link SavedWeights#load}. */
  public static Checkpoint load(Path dir) {
    return new Checkpoint(SavedWeights.load(dir));
  }
}
