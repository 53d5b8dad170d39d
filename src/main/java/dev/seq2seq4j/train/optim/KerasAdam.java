package dev.seq2seq4j.train.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TFloat32;

/**
 * Keras's Adam ({@code learning_rate} 0.001, {@code beta_1} 0.9, {@code beta_2} 0.999, {@code
 * epsilon} 1e-7, as in Keras 3):
 *
 * <pre>
 *   m += (g - m) * (1 - beta_1)
 *   v += (g^2 - v) * (1 - beta_2)
 *   var -= lr * sqrt(1 - beta_2^t) / (1 - beta_1^t) * m / (sqrt(v) + epsilon)
 * </pre>
 *
 * <p>The update is TensorFlow's fused {@code ApplyAdam} kernel, which computes exactly that; the
 * beta powers are variables multiplied by the betas after every step (where Keras raises the
 * betas to the step count), so results agree with Keras to float32 rounding rather than bit for
 * bit. Keeping the fused kernel keeps every recorded result of this project reproducible.
 */
public final class KerasAdam extends KerasOptimizer {
  /** Keras's default learning rate. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  private final float learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final Map<String, Object> config;

  /**
   * Adam with Keras's defaults.
   *
   * @param graph the graph to add the optimizer to
   */
  public KerasAdam(Graph graph) {
    this(graph, DEFAULT_LEARNING_RATE, 0.9, 0.999, 1e-7);
  }

  /**
   * Adam with explicit hyper-parameters.
   *
   * @param graph the graph to add the optimizer to
   * @param learningRate the step size, &gt; 0
   * @param beta1 the decay of the first moment, in [0, 1)
   * @param beta2 the decay of the second moment, in [0, 1)
   * @param epsilon added to the root of the second moment, &gt; 0
   * @throws IllegalArgumentException if a value is out of its range
   */
  public KerasAdam(Graph graph, double learningRate, double beta1, double beta2, double epsilon) {
    super(graph, "adam");
    Hyper.positive("learning_rate", learningRate);
    Hyper.inUnitInterval("beta_1", beta1);
    Hyper.inUnitInterval("beta_2", beta2);
    Hyper.positive("epsilon", epsilon);
    this.learningRate = (float) learningRate;
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("learning_rate", learningRate);
    c.put("beta_1", beta1);
    c.put("beta_2", beta2);
    c.put("epsilon", epsilon);
    this.config = Map.copyOf(c);
  }

  @Override
  public Map<String, Object> config() {
    return config;
  }

  @Override
  protected List<String> slotNames() {
    return List.of("momentum", "velocity");
  }

  @Override
  protected Map<String, Float> globalInitialValues() {
    Map<String, Float> g = new LinkedHashMap<>();
    g.put("beta_1_power", beta1);
    g.put("beta_2_power", beta2);
    return g;
  }

  @Override
  protected Op update(Ops deps, Operand<TFloat32> gradient, Operand<TFloat32> variable,
      Map<String, Variable<TFloat32>> slots, Map<String, Variable<TFloat32>> globals) {
    Class<TFloat32> t = TFloat32.class;
    return deps.train.applyAdam(
        variable,
        slots.get("momentum"),
        slots.get("velocity"),
        deps.dtypes.cast(globals.get("beta_1_power"), t),
        deps.dtypes.cast(globals.get("beta_2_power"), t),
        deps.dtypes.cast(deps.constant(learningRate), t),
        deps.dtypes.cast(deps.constant(beta1), t),
        deps.dtypes.cast(deps.constant(beta2), t),
        deps.dtypes.cast(deps.constant(epsilon), t),
        gradient,
        ApplyAdam.useLocking(true));
  }

  // The framework's Adam updates the powers as siblings of ApplyAdam, so an update may read the
  // old or the new power; here they follow every ApplyAdam.
  @Override
  protected List<Op> afterUpdates(Ops after, Map<String, Variable<TFloat32>> globals) {
    Variable<TFloat32> p1 = globals.get("beta_1_power");
    Variable<TFloat32> p2 = globals.get("beta_2_power");
    return List.of(
        after.assign(p1, after.math.mul(p1, after.constant(beta1))),
        after.assign(p2, after.math.mul(p2, after.constant(beta2))));
  }

  @Override
  public String getOptimizerName() {
    return "Adam";
  }
}
