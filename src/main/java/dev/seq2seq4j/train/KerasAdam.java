package dev.seq2seq4j.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Adam with Keras's defaults (learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-7) that
 * trains the same way on every run.
 *
 * <p>tensorflow-framework 1.0.0's Adam updates the beta powers as siblings of the {@code
 * ApplyAdam} ops, so an update may read either the old or the new power and identical seeds give
 * different losses. Here the power updates carry control dependencies on every {@code ApplyAdam}.
 */
public final class KerasAdam extends Optimizer {
  /** Keras's default learning rate. */
  public static final float DEFAULT_LEARNING_RATE = 1e-3f;

  private final float learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final Map<String, Variable<?>[]> moments = new HashMap<>();
  private Variable<TFloat32> beta1Power;
  private Variable<TFloat32> beta2Power;

  /** Adam with Keras's defaults. */
  public KerasAdam(Graph graph) {
    this(graph, DEFAULT_LEARNING_RATE, 0.9f, 0.999f, 1e-7f);
  }

  /**
   * Adam with explicit hyper-parameters.
   *
   * @throws IllegalArgumentException if a value is out of its range
   */
  public KerasAdam(Graph graph, float learningRate, float beta1, float beta2, float epsilon) {
    super(graph, "Adam");
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  protected void createSlots(List<Output<? extends TType>> variables) {
    Ops init = tf.withInitScope();
    for (Output<? extends TType> v : variables) {
      moments.put(v.op().name(), new Variable<?>[] {zeros(init, v, "m"), zeros(init, v, "v")});
    }
    beta1Power = init.withName("Adam_beta1_power").variable(init.constant(beta1));
    beta2Power = init.withName("Adam_beta2_power").variable(init.constant(beta2));
  }

  // The framework's createSlot names slots "<variable>-m", which is not a valid op name for
  // variables living in a layer scope ("lstm/kernel"), so the moments are kept here.
  private static <T extends TType> Variable<T> zeros(Ops init, Output<T> v, String slot) {
    String name = "Adam_" + v.op().name().replace('/', '_') + "_" + slot;
    return init.withName(name)
        .variable(
            init.fill(
                init.constant(v.shape().asArray()), init.dtypes.cast(init.constant(0f), v.type())));
  }

  @Override
  protected <T extends TType> Op applyDense(Ops deps, Output<T> gradient, Output<T> variable) {
    Variable<?>[] slots = moments.get(variable.op().name());
    @SuppressWarnings("unchecked")
    Variable<T> m = (Variable<T>) slots[0];
    @SuppressWarnings("unchecked")
    Variable<T> v = (Variable<T>) slots[1];
    Class<T> t = gradient.type();
    return deps.train.applyAdam(
        variable,
        m,
        v,
        deps.dtypes.cast(beta1Power, t),
        deps.dtypes.cast(beta2Power, t),
        deps.dtypes.cast(deps.constant(learningRate), t),
        deps.dtypes.cast(deps.constant(beta1), t),
        deps.dtypes.cast(deps.constant(beta2), t),
        deps.dtypes.cast(deps.constant(epsilon), t),
        gradient,
        ApplyAdam.useLocking(true));
  }

  @Override
  protected Op finish(List<Op> updates, String name) {
    Ops after = tf.withControlDependencies(List.copyOf(updates));
    updates.add(after.assign(beta1Power, after.math.mul(beta1Power, after.constant(beta1))));
    updates.add(after.assign(beta2Power, after.math.mul(beta2Power, after.constant(beta2))));
    return super.finish(updates, name);
  }

  @Override
  public String getOptimizerName() {
    return "Adam";
  }
}
