package dev.seq2seq4j.train.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Keras's SGD ({@code learning_rate} 0.01, {@code momentum} 0, {@code nesterov} false), with
 * Keras 3's update written op for op, so float32 results follow Keras's rounding:
 *
 * <pre>
 *   momentum == 0:  var -= g * lr
 *   otherwise:      m = m * momentum - g * lr
 *                   var += m                          (nesterov: var += m * momentum - g * lr)
 * </pre>
 *
 * <p>TensorFlow's {@code ApplyMomentum} keeps {@code m / -lr} instead, which is the same maths
 * but rounds differently, so it is not used.
 */
public final class KerasSgd extends KerasOptimizer {
  private final float learningRate;
  private final float momentum;
  private final boolean nesterov;
  private final Map<String, Object> config;

  /**
   * SGD with Keras's defaults: learning rate 0.01, no momentum.
   *
   * @param graph the graph to add the optimizer to
   */
  public KerasSgd(Graph graph) {
    this(graph, 0.01, 0.0, false);
  }

  /**
   * SGD with explicit hyper-parameters.
   *
   * @param graph the graph to add the optimizer to
   * @param learningRate the step size, &gt; 0
   * @param momentum the velocity's decay, in [0, 1] as Keras allows
   * @param nesterov whether to take Nesterov's look-ahead step
   * @throws IllegalArgumentException if a value is out of its range
   */
  public KerasSgd(Graph graph, double learningRate, double momentum, boolean nesterov) {
    super(graph, "sgd");
    Hyper.positive("learning_rate", learningRate);
    Hyper.inClosedUnitInterval("momentum", momentum);
    this.learningRate = (float) learningRate;
    this.momentum = (float) momentum;
    this.nesterov = nesterov;
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("learning_rate", learningRate);
    c.put("momentum", momentum);
    c.put("nesterov", nesterov);
    this.config = Map.copyOf(c);
  }

  @Override
  public Map<String, Object> config() {
    return config;
  }

  // Keras creates the momentum slot only when momentum is not 0.
  @Override
  protected List<String> slotNames() {
    return momentum != 0 ? List.of("momentum") : List.of();
  }

  @Override
  protected Op update(Ops deps, Operand<TFloat32> gradient, Operand<TFloat32> variable,
      Map<String, Variable<TFloat32>> slots, Map<String, Variable<TFloat32>> globals) {
    Operand<TFloat32> lr = deps.constant(learningRate);
    if (momentum == 0) {
      return deps.assignSub(variable, deps.math.mul(gradient, lr));
    }
    Operand<TFloat32> mu = deps.constant(momentum);
    Variable<TFloat32> m = slots.get("momentum");
    // Reading the assign's output orders the variable's update after the new m.
    Operand<TFloat32> newM =
        deps.assign(m, deps.math.sub(deps.math.mul(m, mu), deps.math.mul(gradient, lr)));
    if (nesterov) {
      return deps.assignAdd(variable,
          deps.math.sub(deps.math.mul(newM, mu), deps.math.mul(gradient, lr)));
    }
    return deps.assignAdd(variable, newM);
  }

  @Override
  public String getOptimizerName() {
    return "SGD";
  }
}
