package dev.seq2seq4j.bench;

import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.train.optim.KerasOptimizer;
import dev.seq2seq4j.train.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The optimizer's own share of a training step: the update of every trainable weight of a model
 * (Adam's moments, powers and step count, exactly the ops a compiled model runs), timed alone
 * with fixed gradients in the training session's settings. Unlike the matrix products, this is
 * work per parameter, not per op, so it sits between the floor and the rest of a step.
 */
public final class OptimizerUpdateCost {
  /**
   * The gradient every weight gets. Any normal float times the same; this one keeps Adam's
   * moments (about 1e-3 and 1e-6) far from the subnormal range, where the caller's thread,
   * which does not flush subnormals, would time a much slower update.
   */
  private static final float GRADIENT = 1e-3f;

  private OptimizerUpdateCost() {}

  /**
   * Seconds of one update of all of {@code model}'s trainable weights.
   *
   * @param model the model whose weights are updated
   * @param optimizer the optimizer, e.g. a recipe's Adam
   * @param runsPerRep updates per repetition
   * @param warmups uncounted repetitions
   * @param reps counted repetitions
   * @return seconds per update
   * @throws IllegalArgumentException if the model has no trainable weights
   * @throws IllegalStateException if a traced update does not write every weight
   */
  public static Samples secondsPerStep(Model model, OptimizerSpec optimizer, int runsPerRep,
      int warmups, int reps) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ModelGraph mg = ModelGraph.build(model, tf);
      List<Variable<TFloat32>> weights = mg.trainableVariables();
      if (weights.isEmpty()) {
        throw new IllegalArgumentException("model '" + model.name() + "' has no trainable weights");
      }
      Ops init = tf.withInitScope();
      List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
      for (Variable<TFloat32> w : weights) {
        Variable<TFloat32> gradient = init.variable(init.fill(
            init.constant(w.shape().asArray()), init.constant(GRADIENT)));
        pairs.add(new GradAndVar<>(gradient.asOutput(), w.asOutput()));
      }
      KerasOptimizer opt = optimizer.create(g);
      Op update = opt.applyGradients(pairs, "update");
      try (Session s = new Session(g, MatMulFloor.sessionConfig())) {
        s.initialize();
        mg.initialize(s, 1);
        requireEveryWeightUpdated(s, update, weights);
        return Repeat.seconds(warmups, reps, () -> {
          for (int i = 0; i < runsPerRep; i++) {
            s.run(update);
          }
        }).times(1.0 / runsPerRep);
      }
    }
  }

  private static void requireEveryWeightUpdated(Session s, Op update,
      List<Variable<TFloat32>> weights) {
    Set<String> written = writtenVariables(Traces.traceOnce(s, update));
    long updated = weights.stream().filter(w -> written.contains(w.op().name())).count();
    if (updated != weights.size()) {
      throw new IllegalStateException("the update wrote " + updated + " of the model's "
          + weights.size() + " weights, so its time would not be the optimizer's");
    }
  }

  /**
   * The variables a trace shows written in place: the first input of every Assign, AssignAdd,
   * AssignSub or fused Apply kernel (ApplyAdam, ...) that ran.
   */
  static Set<String> writtenVariables(RunMetadata metadata) {
    Set<String> written = new HashSet<>();
    for (Traces.Call c : Traces.calls(metadata)) {
      if ((c.type().startsWith("Assign") || c.type().startsWith("Apply"))
          && !c.inputs().isEmpty()) {
        written.add(c.inputs().get(0));
      }
    }
    return written;
  }
}
