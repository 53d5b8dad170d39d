package dev.seq2seq4j.train;

import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Node;
import dev.seq2seq4j.nn.rnn.Rnn;
import java.util.Locale;

/**
 * Refuses models too large to train before any graph exists. Both limits guard against a
 * mistyped size: a model with billions of weights fills the memory while its initial values are
 * drawn, and every recurrent timestep is unrolled into the graph (gradients through TensorFlow's
 * {@code While} fail, GUIDE §3), so graph size, build time and memory grow with the sequence
 * length (measured on the project's 2-core machine, two LSTM(16) layers, a first epoch of four
 * batches: 200 unrolled steps 13 s, 500 steps 30 s, 1000 steps 142 s).
 */
final class TrainingBudget {
  private TrainingBudget() {}

  /**
   * Checks a model against the options' limits.
   *
   * @throws IllegalArgumentException naming the model, its size and the limit
   */
  static void check(Model model, CompileOptions options) {
    long params = model.parameterCount();
    if (params > options.maxParameters()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "model '%s' has %,d parameters, more than the limit of %,d (training would need about"
              + " %,d MB for weights, gradients and optimizer slots)",
          model.name(), params, options.maxParameters(), params * 16 / 1_000_000));
    }
    long steps = unrolledSteps(model);
    if (steps > options.maxUnrolledSteps()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "model '%s' unrolls %,d recurrent timesteps into its graph, more than the limit of %,d"
              + " (each step adds ops to build, optimise and differentiate)",
          model.name(), steps, options.maxUnrolledSteps()));
    }
  }

  /** The recurrent steps the graph will hold: timesteps of every application of every RNN. */
  static long unrolledSteps(Model model) {
    long steps = 0;
    for (Node node : model.nodes()) {
      int rnns = countRnns(node.layer());
      if (rnns > 0 && !node.inputs().isEmpty()) {
        long[] shape = node.inputs().get(0).shape();
        steps += rnns * (shape.length == 0 ? 1 : shape[0]);
      }
    }
    return steps;
  }

  private static int countRnns(Layer layer) {
    int n = layer instanceof Rnn ? 1 : 0;
    for (Layer child : layer.children().values()) {
      n += countRnns(child);
    }
    return n;
  }
}
