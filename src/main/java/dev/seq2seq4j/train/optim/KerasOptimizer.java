package dev.seq2seq4j.train.optim;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The base of the project's Keras optimizers: it keeps the framework's {@code applyGradients}
 * template (slots, then one update per variable after every gradient exists, then a finishing
 * op) and adds what Keras training needs and the framework lacks.
 *
 * <ul>
 *   <li>Slot variables get valid, unique op names for variables in layer scopes ({@code
 *       lstm/cell/kernel}); the framework's {@code "<variable>-<slot>"} names are not valid op
 *       names there.
 *   <li>Optimizer-wide updates (Adam's beta powers) and the iteration count run after every
 *       per-variable update (control dependencies), so no update reads a half-advanced state and
 *       equal seeds give equal bits (the framework's Adam races them, GUIDE §3).
 *   <li>Every state variable (slots, optimizer-wide values, the iteration count) can be read
 *       into an {@link OptimizerState} and written back, which is what an exact resume needs.
 * </ul>
 *
 * <p>Subclasses declare their per-variable slots (Keras's names: {@code momentum}, {@code
 * velocity}, ...) and emit one variable's update. The project's models are float32 only.
 */
public abstract class KerasOptimizer extends Optimizer {
  private final String kerasName;
  /** Slots by the model variable's op name, each by slot name. */
  private final Map<String, Map<String, Variable<TFloat32>>> slots = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> globals = new LinkedHashMap<>();
  /** Every float state variable by its state key, with a placeholder-fed assign. */
  private final Map<String, StateVariable> state = new LinkedHashMap<>();
  private Variable<TInt64> iterations;
  private Placeholder<TInt64> iterationsValue;
  private Assign<TInt64> iterationsAssign;

  /**
   * @param graph the graph the optimizer adds its ops to
   * @param kerasName the Keras name ({@code adam}, {@code sgd}, {@code rmsprop}); also the
   *     prefix of the optimizer's op names
   */
  protected KerasOptimizer(Graph graph, String kerasName) {
    super(graph, opPrefix(kerasName));
    this.kerasName = kerasName;
  }

  private static String opPrefix(String kerasName) {
    return Character.toUpperCase(kerasName.charAt(0)) + kerasName.substring(1);
  }

  /**
   * The Keras name, as {@code compile(optimizer="...")} takes it.
   *
   * @return e.g. {@code adam}
   */
  public final String kerasName() {
    return kerasName;
  }

  /**
   * The hyper-parameters under Keras's {@code get_config} names.
   *
   * @return e.g. {@code learning_rate: 0.001, beta_1: 0.9, ...}
   */
  public abstract Map<String, Object> config();

  /**
   * The slots each model variable gets, by Keras's names, in creation order.
   *
   * @return e.g. {@code [momentum, velocity]} for Adam; empty for plain SGD
   */
  protected abstract List<String> slotNames();

  /**
   * Optimizer-wide float scalars and their initial values (Adam's beta powers); none by default.
   *
   * @return name to initial value, in order
   */
  protected Map<String, Float> globalInitialValues() {
    return Map.of();
  }

  /**
   * Emits one variable's update.
   *
   * @param deps ops that run after every gradient of the step exists
   * @param gradient the variable's gradient
   * @param variable the variable (a reference to update in place)
   * @param slots the variable's slots by {@link #slotNames() slot name}
   * @param globals the optimizer-wide variables by name
   * @return the op that performs the update
   */
  protected abstract Op update(
      Ops deps,
      Operand<TFloat32> gradient,
      Operand<TFloat32> variable,
      Map<String, Variable<TFloat32>> slots,
      Map<String, Variable<TFloat32>> globals);

  /**
   * Emits optimizer-wide updates that must follow every variable's update (Adam's beta powers).
   *
   * @param after ops that run after every variable's update
   * @param globals the optimizer-wide variables by name
   * @return the update ops; none by default
   */
  protected List<Op> afterUpdates(Ops after, Map<String, Variable<TFloat32>> globals) {
    return List.of();
  }

  @Override
  protected final void createSlots(List<Output<? extends TType>> variables) {
    if (iterations != null) {
      // A second set of slots would share the step count and the state keys of the first.
      throw new IllegalStateException("a KerasOptimizer applies gradients once; make another");
    }
    Ops init = tf.withInitScope();
    int index = 0;
    for (Output<? extends TType> v : variables) {
      Output<TFloat32> var = requireFloat(v);
      Map<String, Variable<TFloat32>> own = new LinkedHashMap<>();
      for (String slot : slotNames()) {
        // An index keeps names unique even where sanitising would make two paths collide.
        String name = opPrefix(kerasName) + "_" + index + "_" + sanitise(var.op().name()) + "_" + slot;
        Variable<TFloat32> s = init.withName(name)
            .variable(init.fill(init.constant(var.shape().asArray()),
                init.dtypes.cast(init.constant(0f), TFloat32.class)));
        own.put(slot, s);
        register(var.op().name() + "/" + slot, s, var.shape());
      }
      slots.put(var.op().name(), Collections.unmodifiableMap(own));
      index++;
    }
    for (Map.Entry<String, Float> g : globalInitialValues().entrySet()) {
      Variable<TFloat32> v = init.withName(opPrefix(kerasName) + "_" + g.getKey())
          .variable(init.constant(g.getValue()));
      globals.put(g.getKey(), v);
      register(g.getKey(), v, Shape.scalar());
    }
    iterations = init.withName(opPrefix(kerasName) + "_iterations").variable(init.constant(0L));
    iterationsValue = tf.withName(opPrefix(kerasName) + "_iterations_value")
        .placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    iterationsAssign = tf.withName(opPrefix(kerasName) + "_iterations_assign")
        .assign(iterations, iterationsValue);
  }

  private void register(String key, Variable<TFloat32> v, Shape shape) {
    String base = opPrefix(kerasName) + "_state_" + state.size();
    Placeholder<TFloat32> value =
        tf.withName(base + "_value").placeholder(TFloat32.class, Placeholder.shape(shape));
    state.put(key, new StateVariable(v, value, tf.withName(base + "_assign").assign(v, value),
        shape.asArray()));
  }

  private static String sanitise(String opName) {
    return opName.replaceAll("[^A-Za-z0-9_.\\-]", "_");
  }

  @SuppressWarnings("unchecked")
  private static Output<TFloat32> requireFloat(Output<? extends TType> v) {
    if (v.type() != TFloat32.class) {
      throw new IllegalArgumentException(
          "variable " + v.op().name() + " is not float32; seq2seq4j trains float32 models only");
    }
    return (Output<TFloat32>) v;
  }

  @Override
  protected final <T extends TType> Op applyDense(Ops deps, Output<T> gradient, Output<T> variable) {
    Output<TFloat32> v = requireFloat(variable);
    return update(deps, requireFloat(gradient), v, slots.get(v.op().name()),
        Collections.unmodifiableMap(globals));
  }

  @Override
  protected final Op finish(List<Op> updates, String name) {
    Ops after = tf.withControlDependencies(List.copyOf(updates));
    updates.addAll(afterUpdates(after, Collections.unmodifiableMap(globals)));
    updates.add(after.assignAdd(iterations, after.constant(1L)));
    return super.finish(updates, name);
  }

  /**
   * Reads the optimizer's state: every slot, every optimizer-wide value and the iteration count.
   *
   * @param session a session on the optimizer's graph, after {@link #applyGradients}
   * @return the state, slots keyed {@code <variable>/<slot>} ({@code lstm/cell/kernel/momentum})
   */
  public OptimizerState state(Session session) {
    requireBuilt();
    Session.Runner runner = session.runner().fetch(iterations);
    for (StateVariable s : state.values()) {
      runner.fetch(s.variable);
    }
    Map<String, FloatBlock> values = new LinkedHashMap<>();
    try (Result r = runner.run()) {
      long iters = ((TInt64) r.get(0)).getLong();
      int i = 1;
      for (String key : state.keySet()) {
        values.put(key, Tensors.toBlock(r.get(i++)));
      }
      return new OptimizerState(kerasName, iters, values);
    }
  }

  /**
   * Overwrites the optimizer's state with one read by {@link #state} from the same kind of
   * optimizer on the same model.
   *
   * @param session a session on the optimizer's graph, after {@link #applyGradients}
   * @param saved the state to restore
   * @throws IllegalArgumentException if the optimizer differs or a value is missing, unknown or
   *     of another shape
   */
  public void setState(Session session, OptimizerState saved) {
    requireBuilt();
    if (!saved.optimizer().equals(kerasName)) {
      throw new IllegalArgumentException("the saved optimizer state is " + saved.optimizer()
          + "'s, but this model trains with " + kerasName);
    }
    if (!saved.variables().keySet().equals(state.keySet())) {
      TreeSet<String> missing = new TreeSet<>(state.keySet());
      missing.removeAll(saved.variables().keySet());
      TreeSet<String> unknown = new TreeSet<>(saved.variables().keySet());
      unknown.removeAll(state.keySet());
      throw new IllegalArgumentException("the saved " + kerasName + " state does not fit this model"
          + (missing.isEmpty() ? "" : "; missing " + missing)
          + (unknown.isEmpty() ? "" : "; unknown " + unknown));
    }
    List<Tensor> feeds = new ArrayList<>();
    try {
      TInt64 iters = TInt64.scalarOf(saved.iterations());
      feeds.add(iters);
      Session.Runner runner = session.runner().feed(iterationsValue, iters)
          .addTarget(iterationsAssign);
      for (Map.Entry<String, StateVariable> e : state.entrySet()) {
        FloatBlock value = saved.variables().get(e.getKey());
        if (!Arrays.equals(value.shape(), e.getValue().shape)) {
          throw new IllegalArgumentException("optimizer state '" + e.getKey() + "' has shape "
              + Arrays.toString(value.shape()) + ", but this model needs "
              + Arrays.toString(e.getValue().shape));
        }
        TFloat32 t = Tensors.float32(value);
        feeds.add(t);
        runner.feed(e.getValue().value, t).addTarget(e.getValue().assign);
      }
      runner.run().close();
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  private void requireBuilt() {
    if (iterations == null) {
      throw new IllegalStateException("the optimizer has no state before applyGradients");
    }
  }

  /** One float state variable and the ops that overwrite it. */
  private record StateVariable(
      Variable<TFloat32> variable, Placeholder<TFloat32> value, Assign<TFloat32> assign,
      long[] shape) {}
}
