package dev.seq2seq4j.train;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.state.ListenerState;
import dev.seq2seq4j.train.state.Stateful;
import dev.seq2seq4j.train.state.TrainingState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Keras's {@code fit} loop over a {@link CompiledModel}: epochs of shuffled batches, validation
 * after each epoch, listeners, periodic training states and exact resume (DJL splits its
 * {@code Trainer} from {@code EasyTrain} the same way: the model runs steps, the loop decides
 * which).
 *
 * <p>Randomness, which a resumed run must reproduce:
 *
 * <ul>
 *   <li>The shuffle order comes from one {@link SplittableRandom} seeded with the shuffle seed and
 *       advanced by each epoch's shuffle.
 *   <li>Each step's random ops (dropout) are seeded from (shuffle seed, epoch, step), so they
 *       need no state.
 *   <li>The data source may draw each epoch's data from its own sequential generator (Brownlee's
 *       fresh samples).
 * </ul>
 *
 * <p>A resumed fit replays the completed epochs: it asks the data source for each one and
 * shuffles it, without training, so both generators end where the interrupted fit left them,
 * and checks each epoch's data against the digest the state recorded.
 */
public final class FitLoop {
  private final CompiledModel model;
  private final FitOptions fit;

  /**
   * @param model the compiled model to train
   * @param fit the loop's options
   */
  public FitLoop(CompiledModel model, FitOptions fit) {
    this.model = model;
    this.fit = fit;
  }

  /**
   * Trains, asking {@code dataForEpoch} for each epoch's data.
   *
   * @param dataForEpoch the data of epoch {@code e} (0-based); called once per epoch, in order,
   *     including the completed epochs of a resumed fit
   * @return the history of every epoch, a resumed fit's earlier ones included
   * @throws TrainingDivergedException if a step's loss is NaN or infinite
   * @throws IllegalArgumentException if data does not fit the model, or a resumed state does not
   *     fit this fit
   */
  public History run(IntFunction<Dataset> dataForEpoch) {
    Context context = new Context(fit.epochs());
    SplittableRandom shuffler = new SplittableRandom(fit.shuffleSeed());
    List<EpochLogs> epochs = new ArrayList<>();
    List<Long> digests = new ArrayList<>();
    boolean tracking = fit.checkpointSink() != null || fit.resumeFrom() != null;
    fit.listeners().forEach(l -> l.onTrainBegin(context));
    int first = 0;
    double earlierSeconds = 0;
    long totalSteps = 0;
    TrainingState resume = fit.resumeFrom();
    if (resume != null) {
      restore(resume, context);
      replay(resume, dataForEpoch, shuffler);
      first = resume.epochsCompleted();
      epochs.addAll(resume.history());
      digests.addAll(resume.dataDigests());
      earlierSeconds = resume.trainSeconds();
      totalSteps = resume.steps();
    }
    long start = System.nanoTime();
    long pausedNanos = 0;
    for (int epoch = first; epoch < fit.epochs() && !context.stopRequested(); epoch++) {
      Dataset data = dataForEpoch.apply(epoch);
      model.requireCompatible(data, "training data");
      if (tracking) {
        digests.add(DataDigest.of(data));
      }
      int n = data.size();
      int steps = (n + fit.batchSize() - 1) / fit.batchSize();
      for (TrainingListener l : fit.listeners()) {
        l.onEpochBegin(context, epoch, steps);
      }
      int[] order = order(n, fit.shuffle() ? shuffler : null);
      long epochSeed = new SplittableRandom(fit.shuffleSeed() * 1_000_003L + epoch).nextLong();
      CompiledModel.MetricMeans means = new CompiledModel.MetricMeans(model.metrics());
      for (int step = 0; step < steps; step++) {
        int from = step * fit.batchSize();
        int to = Math.min(n, from + fit.batchSize());
        Dataset batch = data.gather(Arrays.copyOfRange(order, from, to));
        BatchResult result = model.step(batch, new long[] {epochSeed, step});
        if (!Float.isFinite(result.loss())) {
          throw new TrainingDivergedException(epoch + 1, step + 1, result.loss());
        }
        means.add(result);
        if (!fit.listeners().isEmpty()) {
          EpochLogs running = new EpochLogs(means.values());
          for (TrainingListener l : fit.listeners()) {
            l.onBatchEnd(context, epoch, step, running);
          }
        }
      }
      totalSteps += steps;
      Map<String, Double> values = means.values();
      if (fit.validation() != null) {
        for (Map.Entry<String, Double> e : model.evaluate(fit.validation()).entrySet()) {
          values.put("val_" + e.getKey(), e.getValue());
        }
      }
      EpochLogs logs = new EpochLogs(values);
      epochs.add(logs);
      for (TrainingListener l : fit.listeners()) {
        l.onEpochEnd(context, epoch, logs);
      }
      boolean last = epoch + 1 == fit.epochs() || context.stopRequested();
      if (fit.checkpointSink() != null && (last || (epoch + 1) % fit.checkpointEvery() == 0)) {
        long t = System.nanoTime();
        double seconds = earlierSeconds + (t - start - pausedNanos) / 1e9;
        fit.checkpointSink().accept(
            state(epoch + 1, context.stopRequested(), totalSteps, seconds, epochs, digests));
        pausedNanos += System.nanoTime() - t; // writing states is not training time
      }
    }
    History history = History.of(epochs, earlierSeconds
        + (System.nanoTime() - start - pausedNanos) / 1e9, totalSteps);
    fit.listeners().forEach(l -> l.onTrainEnd(context, history));
    return history;
  }

  private TrainingState state(int epochsCompleted, boolean stop, long steps, double seconds,
      List<EpochLogs> epochs, List<Long> digests) {
    Map<String, ListenerState> listeners = new LinkedHashMap<>();
    for (Stateful s : statefulListeners()) {
      listeners.put(s.stateKey(), s.saveState());
    }
    return new TrainingState(epochsCompleted, stop, steps, seconds, epochs, digests,
        fit.batchSize(), fit.shuffle(), fit.shuffleSeed(), model.weights(),
        model.optimizerState(), listeners, Map.of());
  }

  private List<Stateful> statefulListeners() {
    List<Stateful> out = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (TrainingListener l : fit.listeners()) {
      if (l instanceof Stateful s) {
        if (keys.contains(s.stateKey())) {
          throw new IllegalArgumentException(
              "two listeners keep their state under the same key '" + s.stateKey() + "'");
        }
        keys.add(s.stateKey());
        out.add(s);
      }
    }
    return out;
  }

  /** Puts the model, optimizer and listeners back where the state left them. */
  private void restore(TrainingState state, Context context) {
    if (state.batchSize() != fit.batchSize() || state.shuffle() != fit.shuffle()
        || state.shuffleSeed() != fit.shuffleSeed()) {
      throw new IllegalArgumentException("the training state was written by a fit with batch size "
          + state.batchSize() + ", shuffle " + state.shuffle() + ", shuffle seed "
          + state.shuffleSeed() + "; this fit has " + fit.batchSize() + ", " + fit.shuffle()
          + ", " + fit.shuffleSeed());
    }
    if (state.epochsCompleted() > fit.epochs()) {
      throw new IllegalArgumentException("the training state has completed "
          + state.epochsCompleted() + " epochs, more than this fit's " + fit.epochs());
    }
    List<Stateful> stateful = statefulListeners();
    TreeSet<String> expected = new TreeSet<>();
    stateful.forEach(s -> expected.add(s.stateKey()));
    if (!expected.equals(new TreeSet<>(state.listeners().keySet()))) {
      throw new IllegalArgumentException("the training state holds listener states "
          + new TreeSet<>(state.listeners().keySet()) + ", but this fit's listeners keep "
          + expected);
    }
    model.setWeights(state.weights().requireComplete("model '" + model.model().name() + "'",
        model.model().weights()));
    model.setOptimizerState(state.optimizer());
    for (Stateful s : stateful) {
      s.restoreState(state.listeners().get(s.stateKey()));
    }
    if (state.stopRequested()) {
      context.stopTraining();
    }
  }

  /** Advances the data source and the shuffler through the completed epochs. */
  private void replay(TrainingState state, IntFunction<Dataset> dataForEpoch,
      SplittableRandom shuffler) {
    for (int epoch = 0; epoch < state.epochsCompleted(); epoch++) {
      Dataset data = dataForEpoch.apply(epoch);
      model.requireCompatible(data, "training data");
      if (DataDigest.of(data) != state.dataDigests().get(epoch)) {
        throw new IllegalArgumentException("the training state does not match this run: epoch "
            + (epoch + 1) + "'s training data differs from the data it was trained on"
            + " (another seed or data configuration?)");
      }
      order(data.size(), fit.shuffle() ? shuffler : null);
    }
  }

  private static int[] order(int n, SplittableRandom rnd) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (rnd != null) {
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
    }
    return idx;
  }

  private final class Context implements TrainingContext {
    private final int epochs;
    private boolean stop;

    Context(int epochs) {
      this.epochs = epochs;
    }

    @Override
    public void stopTraining() {
      stop = true;
    }

    @Override
    public boolean stopRequested() {
      return stop;
    }

    @Override
    public int epochs() {
      return epochs;
    }

    @Override
    public Weights weights() {
      return model.weights();
    }

    @Override
    public void setWeights(Weights weights) {
      model.setWeights(weights);
    }
  }
}
