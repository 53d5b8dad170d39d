package dev.seq2seq4j.train.optim;

import java.util.ArrayList;
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
 * Keras 3's RMSprop ({@code learning_rate} 0.001, {@code rho} 0.9, {@code momentum} 0, {@code
 * epsilon} 1e-7, {@code centered} false), written op for op as Keras computes it:
 *
 * <pre>
 *   velocity = rho * velocity + (1 - rho) * g^2                 (starts at 0)
 *   centered: average = rho * average + (1 - rho) * g
 *             denominator = velocity - average^2 + epsilon
 *   else:     denominator = velocity + epsilon
 *   increment = lr * g / sqrt(denominator)
 *   momentum &gt; 0: m = momentum * m + increment; var -= m
 *   else:          var -= increment
 * </pre>
 *
 * <p>The framework's {@code RMSProp} cannot stand in for it: it starts the velocity at 1.0 (Keras
 * at 0) and uses epsilon 1e-10, which makes its first steps far smaller than Keras's.
 */
public final class KerasRmsprop extends KerasOptimizer {
  private final float learningRate;
  private final float rho;
  private final float oneMinusRho;
  private final float momentum;
  private final float epsilon;
  private final boolean centered;
  private final Map<String, Object> config;

  /**
   * RMSprop with Keras 3's defaults.
   *
   * @param graph the graph to add the optimizer to
   */
  public KerasRmsprop(Graph graph) {
    this(graph, 0.001, 0.9, 0.0, 1e-7, false);
  }

  /**
   * RMSprop with explicit hyper-parameters.
   *
   * @param graph the graph to add the optimizer to
   * @param learningRate the step size, &gt; 0
   * @param rho the decay of the squared-gradient average, in [0, 1)
   * @param momentum the decay of the step's velocity, in [0, 1)
   * @param epsilon added under the root, &gt; 0
   * @param centered whether to divide by the gradient's variance instead of its second moment
   * @throws IllegalArgumentException if a value is out of its range
   */
  public KerasRmsprop(Graph graph, double learningRate, double rho, double momentum,
      double epsilon, boolean centered) {
    super(graph, "rmsprop");
    Hyper.positive("learning_rate", learningRate);
    Hyper.inUnitInterval("rho", rho);
    Hyper.inUnitInterval("momentum", momentum);
    Hyper.positive("epsilon", epsilon);
    this.learningRate = (float) learningRate;
    this.rho = (float) rho;
    // Keras computes 1 - rho in Python's double precision and rounds once to float32.
    this.oneMinusRho = (float) (1 - rho);
    this.momentum = (float) momentum;
    this.epsilon = (float) epsilon;
    this.centered = centered;
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("learning_rate", learningRate);
    c.put("rho", rho);
    c.put("momentum", momentum);
    c.put("epsilon", epsilon);
    c.put("centered", centered);
    this.config = Map.copyOf(c);
  }

  @Override
  public Map<String, Object> config() {
    return config;
  }

  @Override
  protected List<String> slotNames() {
    List<String> s = new ArrayList<>(List.of("velocity"));
    if (momentum > 0) {
      s.add("momentum");
    }
    if (centered) {
      s.add("average_gradient");
    }
    return s;
  }

  @Override
  protected Op update(Ops deps, Operand<TFloat32> gradient, Operand<TFloat32> variable,
      Map<String, Variable<TFloat32>> slots, Map<String, Variable<TFloat32>> globals) {
    Operand<TFloat32> r = deps.constant(rho);
    Operand<TFloat32> oneMinusR = deps.constant(oneMinusRho);
    Variable<TFloat32> velocity = slots.get("velocity");
    Operand<TFloat32> newVelocity = deps.assign(velocity,
        deps.math.add(deps.math.mul(r, velocity),
            deps.math.mul(oneMinusR, deps.math.square(gradient))));
    Operand<TFloat32> denominator;
    if (centered) {
      Variable<TFloat32> average = slots.get("average_gradient");
      Operand<TFloat32> newAverage = deps.assign(average,
          deps.math.add(deps.math.mul(r, average), deps.math.mul(oneMinusR, gradient)));
      denominator = deps.math.add(
          deps.math.sub(newVelocity, deps.math.square(newAverage)), deps.constant(epsilon));
    } else {
      denominator = deps.math.add(newVelocity, deps.constant(epsilon));
    }
    Operand<TFloat32> increment = deps.math.div(
        deps.math.mul(deps.constant(learningRate), gradient), deps.math.sqrt(denominator));
    if (momentum > 0) {
      Variable<TFloat32> m = slots.get("momentum");
      Operand<TFloat32> newM = deps.assign(m,
          deps.math.add(deps.math.mul(deps.constant(momentum), m), increment));
      return deps.assignSub(variable, newM);
    }
    return deps.assignSub(variable, increment);
  }

  @Override
  public String getOptimizerName() {
    return "RMSprop";
  }
}
