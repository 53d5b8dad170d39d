package dev.seq2seq4j.train;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.nn.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Keras's {@code fit} loop over a {@link CompiledModel}: epochs of shuffled batches, validation
 * after each epoch and listeners (DJL splits its
 * {@code Trainer} from {@code EasyTrain} the same way: the model runs steps, the loop decides
 * which).
 *
 * <p>The shuffle order comes from one {@link SplittableRandom} seeded with the shuffle seed and
 * advanced by each epoch's shuffle; each step's random ops (dropout) are seeded from (shuffle
 * seed, epoch, step).
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
   * @param dataForEpoch the data of epoch {@code e} (0-based); called once per epoch, in order
   * @return the history of every epoch
   * @throws IllegalArgumentException if data does not fit the model
   */
  public History run(IntFunction<Dataset> dataForEpoch) {
    Context context = new Context(fit.epochs());
    SplittableRandom shuffler = new SplittableRandom(fit.shuffleSeed());
    List<EpochLogs> epochs = new ArrayList<>();
    fit.listeners().forEach(l -> l.onTrainBegin(context));
    long totalSteps = 0;
    long start = System.nanoTime();
    for (int epoch = 0; epoch < fit.epochs() && !context.stopRequested(); epoch++) {
      Dataset data = dataForEpoch.apply(epoch);
      model.requireCompatible(data, "training data");
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
        means.add(model.step(batch, new long[] {epochSeed, step}));
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
    }
    History history = History.of(epochs, (System.nanoTime() - start) / 1e9, totalSteps);
    fit.listeners().forEach(l -> l.onTrainEnd(context, history));
    return history;
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
