package dev.seq2seq4j.tutorials;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The parts of one recipe run that differ between recipes: the data source (each epoch's
 * training data, the validation data), the listeners that decide when to stop, the lines printed
 * before training, the evaluation, and the training metrics reported after it. {@link
 * RecipeSkeleton} puts them together in the same order for every recipe.
 */
final class RunPlan {
  private final IntFunction<Dataset> trainingData;
  private final Dataset validation;
  private final List<TrainingListener> listeners;
  private final List<String> preamble;
  private final Evaluation evaluation;
  private final List<String> historyMetrics;

  private RunPlan(Builder b) {
    this.trainingData = Objects.requireNonNull(b.trainingData, "training data");
    this.validation = b.validation;
    this.listeners = List.copyOf(b.listeners);
    this.preamble = List.copyOf(b.preamble);
    this.evaluation = Objects.requireNonNull(b.evaluation, "evaluation");
    this.historyMetrics = List.copyOf(b.historyMetrics);
  }

  /**
   * A plan that draws each epoch's data from a source (fresh samples every epoch).
   *
   * @param perEpoch the data of epoch {@code e}, asked once per epoch in order
   * @return a builder
   */
  static Builder drawing(IntFunction<Dataset> perEpoch) {
    Builder b = new Builder();
    b.trainingData = perEpoch;
    return b;
  }

  /**
   * A plan that trains on the same data every epoch.
   *
   * @param train the training data
   * @return a builder
   */
  static Builder fixed(Dataset train) {
    return drawing(epoch -> train);
  }

  IntFunction<Dataset> trainingData() {
    return trainingData;
  }

  /** The validation data, or null for none. */
  Dataset validation() {
    return validation;
  }

  List<TrainingListener> listeners() {
    return listeners;
  }

  List<String> preamble() {
    return preamble;
  }

  Evaluation evaluation() {
    return evaluation;
  }

  List<String> historyMetrics() {
    return historyMetrics;
  }

  /** Collects a plan's parts. */
  static final class Builder {
    private IntFunction<Dataset> trainingData;
    private Dataset validation;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final List<String> preamble = new ArrayList<>();
    private Evaluation evaluation;
    private final List<String> historyMetrics = new ArrayList<>();

    private Builder() {}

    /** Validation data, evaluated after every epoch ({@code val_} metrics). */
    Builder validation(Dataset data) {
      this.validation = data;
      return this;
    }

    /** A listener, added after the progress output and the caller's additions. */
    Builder listener(TrainingListener listener) {
      listeners.add(listener);
      return this;
    }

    /** A line printed just before training starts. */
    Builder preamble(String line) {
      preamble.add(line);
      return this;
    }

    /** How the trained model is judged. */
    Builder evaluation(Evaluation e) {
      this.evaluation = e;
      return this;
    }

    /** Last-epoch training metrics (e.g. {@code loss}) reported after the evaluation's. */
    Builder historyMetrics(String... names) {
      historyMetrics.addAll(List.of(names));
      return this;
    }

    RunPlan build() {
      return new RunPlan(this);
    }
  }
}
