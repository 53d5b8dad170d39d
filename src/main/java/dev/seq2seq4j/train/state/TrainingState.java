package dev.seq2seq4j.train.state;

import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.EpochLogs;
import dev.seq2seq4j.train.optim.OptimizerState;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a fit needs to continue after its last completed epoch and end exactly as an
 * uninterrupted run would, bit for bit: the weights, the optimizer's slots and step count, the
 * epoch count and history, the state of {@link Stateful} listeners, and what checks that the
 * resumed run is the same run (its fit settings and a digest of every epoch's data).
 *
 * <p>Random streams need no saving. Dropout seeds derive from the shuffle seed, the epoch and the
 * step. The shuffle order comes from one generator advanced once per epoch, and Brownlee's
 * recipes draw each epoch's data from one sequential generator: on resume the loop replays both
 * for the completed epochs (asks for each epoch's data and shuffles it, without training), which
 * puts them where the interrupted run left them; the data digests prove the replay matched.
 *
 * <p>On disk ({@link #save}, {@link #load}) it is a folder of {@code state.json} and {@code
 * state.bin}, checksummed like {@link SavedWeights} and replaced atomically.
 *
 * @param epochsCompleted epochs finished
 * @param stopRequested whether a listener stopped training at the last completed epoch
 * @param steps optimizer steps taken
 * @param trainSeconds seconds spent training so far
 * @param history the completed epochs' logs
 * @param dataDigests a CRC32C of each completed epoch's training data
 * @param batchSize the fit's batch size
 * @param shuffle whether the fit shuffles
 * @param shuffleSeed the fit's shuffle seed
 * @param weights the model's weights
 * @param optimizer the optimizer's state
 * @param listeners the {@link Stateful} listeners' states by {@link Stateful#stateKey()}
 * @param metadata free-form JSON-serialisable values (the recipe and its configuration)
 */
public record TrainingState(
    int epochsCompleted,
    boolean stopRequested,
    long steps,
    double trainSeconds,
    List<EpochLogs> history,
    List<Long> dataDigests,
    int batchSize,
    boolean shuffle,
    long shuffleSeed,
    Weights weights,
    OptimizerState optimizer,
    Map<String, ListenerState> listeners,
    Map<String, Object> metadata) {

  /** The value of the {@code format} field of {@code state.json}. */
  public static final String FORMAT = "seq2seq4j-training-state";
  /** The format version this build writes and reads. */
  public static final int VERSION = 1;

  /**
   * Copies the collections and checks that they agree.
   *
   * @throws IllegalArgumentException if the history or digests do not have one entry per
   *     completed epoch, or a value is missing
   */
  public TrainingState {
    if (epochsCompleted < 0 || steps < 0 || batchSize < 1) {
      throw new IllegalArgumentException("invalid training state: epochs " + epochsCompleted
          + ", steps " + steps + ", batch size " + batchSize);
    }
    if (history.size() != epochsCompleted || dataDigests.size() != epochsCompleted) {
      throw new IllegalArgumentException("invalid training state: " + epochsCompleted
          + " epochs but " + history.size() + " logs and " + dataDigests.size() + " digests");
    }
    if (weights == null || optimizer == null) {
      throw new IllegalArgumentException("a training state needs weights and optimizer state");
    }
    history = List.copyOf(history);
    dataDigests = List.copyOf(dataDigests);
    listeners = Collections.unmodifiableMap(new LinkedHashMap<>(listeners));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /**
   * The same state with other metadata.
   *
   * @param newMetadata JSON-serialisable values
   * @return the new state
   */
  public TrainingState withMetadata(Map<String, Object> newMetadata) {
    return new TrainingState(epochsCompleted, stopRequested, steps, trainSeconds, history,
        dataDigests, batchSize, shuffle, shuffleSeed, weights, optimizer, listeners, newMetadata);
  }

  /**
   * Writes the state into {@code dir}, replacing a state already there so that a complete one
   * always exists (see {@link SavedWeights} for the scheme).
   *
   * @param dir the folder
   * @throws IllegalArgumentException if {@code dir} holds files that are not a training state
   * @throws UncheckedIOException if writing fails (the previous state is then intact)
   */
  public void save(Path dir) {
    TrainingStateFormat.save(dir, this);
  }

  /**
   * Checks, before training starts, that {@link #save} may write {@code dir}.
   *
   * @param dir the folder
   * @throws IllegalArgumentException if it exists and holds files that are not a training state
   */
  public static void checkTarget(Path dir) {
    TrainingStateFormat.checkTarget(dir);
  }

  /**
   * Reads a state written by {@link #save}, first completing any interrupted save.
   *
   * @param dir the folder
   * @return the state
   * @throws IllegalArgumentException naming the problem if the folder is missing, corrupt or of
   *     an unknown version
   * @throws UncheckedIOException if reading fails
   */
  public static TrainingState load(Path dir) {
    return TrainingStateFormat.load(dir);
  }
}
