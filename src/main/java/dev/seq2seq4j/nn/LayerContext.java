package dev.seq2seq4j.nn;

import dev.seq2seq4j.nn.rnn.RnnKernel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt64;

/**
 * What a layer's {@link Layer#call} may use besides its inputs and weights: the ops builder
 * (scoped to the layer), whether the graph runs in training mode, seeds for random ops, and the
 * Keras masks and dtypes of its inputs.
 *
 * <p>The training flag is a graph value ({@code placeholderWithDefault(false)}), so one graph
 * serves training steps (fed {@code true}) and inference (left at its default). Random ops take
 * their seeds from {@link #nextSeed()}: a per-step seed fed by the training loop plus a
 * per-op offset fixed when the graph is built, so the same run seed gives the same dropout
 * masks on every run, and a resumed run needs no random-generator state.
 */
public final class LayerContext {
  private final Ops tf;
  private final Operand<TBool> training;
  private final Seeds seeds;
  private final List<Op> updates;
  private final List<Operand<TBool>> inputMasks;
  private final List<DType> inputDtypes;
  private final RnnKernel rnnKernel;

  private LayerContext(Ops tf, Operand<TBool> training, Seeds seeds, List<Op> updates,
      List<Operand<TBool>> inputMasks, List<DType> inputDtypes, RnnKernel rnnKernel) {
    this.tf = tf;
    this.rnnKernel = rnnKernel;
    this.training = training;
    this.seeds = seeds;
    this.updates = updates;
    this.inputMasks = inputMasks;
    this.inputDtypes = inputDtypes;
  }

  /**
   * A context for a whole model graph: layers get it through {@link #forLayer}.
   *
   * @param tf the graph's ops
   * @param training the training flag, a boolean scalar
   * @param stepSeed an int64 vector of two: the seed of the current step
   * @return the root context, without masks
   */
  public static LayerContext root(Ops tf, Operand<TBool> training, Operand<TInt64> stepSeed) {
    return root(tf, training, stepSeed, RnnKernel.UNROLLED);
  }

  /**
   * A context for a whole model graph whose recurrent layers use {@code rnnKernel}.
   *
   * @param tf the graph's ops
   * @param training the training flag, a boolean scalar
   * @param stepSeed an int64 vector of two: the seed of the current step
   * @param rnnKernel how recurrent layers become ops
   * @return the root context, without masks
   */
  public static LayerContext root(Ops tf, Operand<TBool> training, Operand<TInt64> stepSeed,
      RnnKernel rnnKernel) {
    return new LayerContext(tf, training, new Seeds(stepSeed), new ArrayList<>(), List.of(),
        List.of(), rnnKernel);
  }

  /**
   * A context for a graph that only infers: training is the constant {@code false}.
   *
   * @param tf the graph's ops
   * @return the context
   */
  public static LayerContext inference(Ops tf) {
    return root(tf, tf.constant(false), tf.constant(new long[] {0, 0}));
  }

  /**
   * The context one layer application sees.
   *
   * @param scope the ops builder scoped to the layer
   * @param masks the Keras masks of its inputs ({@code null} entries: no mask)
   * @param dtypes the dtypes of its inputs
   * @return the context
   */
  public LayerContext forLayer(Ops scope, List<Operand<TBool>> masks, List<DType> dtypes) {
    return new LayerContext(scope, training, seeds, updates,
        Collections.unmodifiableList(new ArrayList<>(masks)), List.copyOf(dtypes), rnnKernel);
  }

  /**
   * The same context with another ops builder (e.g. a child layer's sub-scope) and masks.
   *
   * @param scope the ops builder
   * @param masks the masks of the inputs the child gets
   * @return the context
   */
  public LayerContext withScope(Ops scope, List<Operand<TBool>> masks) {
    return new LayerContext(scope, training, seeds, updates,
        Collections.unmodifiableList(new ArrayList<>(masks)), inputDtypes, rnnKernel);
  }

  /**
   * The ops builder, scoped to the layer.
   *
   * @return the ops
   */
  public Ops tf() {
    return tf;
  }

  /**
   * How recurrent layers become ops (unrolled unless the graph asked for fused kernels).
   *
   * @return the kernel choice
   */
  public RnnKernel rnnKernel() {
    return rnnKernel;
  }

  /**
   * Whether this run trains (dropout drops) or infers.
   *
   * @return a boolean scalar
   */
  public Operand<TBool> training() {
    return training;
  }

  /**
   * A fresh seed for one stateless random op ({@code StatelessRandomUniform} and friends): the
   * step's seed plus this op's own offset.
   *
   * @return an int64 vector of two
   */
  public Operand<TInt64> nextSeed() {
    return seeds.next(tf);
  }

  /**
   * Registers an op that a training step must run besides the optimizer's, such as
   * BatchNormalization's update of its moving statistics; it should do nothing unless {@link
   * #training()} is true.
   *
   * @param update the op
   */
  public void addUpdate(Op update) {
    updates.add(update);
  }

  /**
   * The update ops registered by every layer of the graph so far.
   *
   * @return the ops, in registration order
   */
  public List<Op> updates() {
    return Collections.unmodifiableList(updates);
  }

  /**
   * The mask of one input: {@code (batch, timesteps)} booleans, true where a step is real.
   *
   * @param index the input's position
   * @return the mask, or {@code null} if the input carries none
   */
  public Operand<TBool> mask(int index) {
    return index < inputMasks.size() ? inputMasks.get(index) : null;
  }

  /**
   * The masks of all inputs.
   *
   * @return one entry per input, {@code null} where there is no mask
   */
  public List<Operand<TBool>> masks() {
    return inputMasks;
  }

  /**
   * The dtype of one input as declared by the model.
   *
   * @param index the input's position
   * @return the dtype ({@code FLOAT32} if unknown)
   */
  public DType dtype(int index) {
    return index < inputDtypes.size() ? inputDtypes.get(index) : DType.FLOAT32;
  }

  /** Hands out per-op seed offsets in graph-building order, which is deterministic. */
  private static final class Seeds {
    private final Operand<TInt64> stepSeed;
    private long next;

    Seeds(Operand<TInt64> stepSeed) {
      this.stepSeed = stepSeed;
    }

    Operand<TInt64> next(Ops tf) {
      long offset = ++next;
      return tf.math.add(stepSeed, tf.constant(new long[] {0, offset}));
    }
  }

  /**
   * The shape of the step seed the training loop feeds.
   *
   * @return {@code [2]}
   */
  public static Shape seedShape() {
    return Shape.of(2);
  }
}
