package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import dev.seq2seq4j.nn.Shapes;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The step maths of a recurrent layer (Keras's {@code LSTMCell}, {@code GRUCell}, {@code
 * SimpleRNNCell}): its weights and one timestep. The loop around it, with go_backwards,
 * sequences, states, initial state, masking and dropout, is {@link Rnn}'s, written once.
 *
 * <p>A step is split in two so that the loop stays cheap: {@link #projectInputs} multiplies every
 * timestep's input by the kernel in one MatMul before the loop, and {@link #step} adds what
 * depends on the previous state. States are {@code null} while they are known to be zero (no
 * initial state given, first step), which lets a cell skip the products with them.
 */
public abstract class RnnCell extends Layer {
  /**
   * @param name the cell's Keras name ({@code lstm_cell}, ...)
   */
  protected RnnCell(String name) {
    super(name);
  }

  /**
   * The width of the output and of every state.
   *
   * @return the number of units
   */
  public abstract int units();

  /**
   * How many state tensors the cell carries ({@code h, c} for an LSTM: 2).
   *
   * @return the number of states, each of width {@link #units()}
   */
  public abstract int stateCount();

  /**
   * The states' names, for messages ({@code h, c} for an LSTM).
   *
   * @return one name per state
   */
  public List<String> stateNames() {
    return stateCount() == 1 ? List.of("h") : List.of("h", "c");
  }

  /**
   * Values derived from the weights that every step uses (bias rows, kernel slices), computed
   * once before the loop; by default the weights as they are.
   *
   * @param tf the ops builder
   * @param weights the cell's weights
   * @return the weights the steps see
   */
  public LayerWeights prepare(Ops tf, LayerWeights weights) {
    return weights;
  }

  /**
   * The input-side part of every timestep at once.
   *
   * @param tf the ops builder
   * @param x every timestep's input, {@code [batch * timesteps, features]}
   * @param weights the cell's weights
   * @return the projection, {@code [batch * timesteps, k]}
   */
  public abstract Operand<TFloat32> projectInputs(Ops tf, Operand<TFloat32> x, LayerWeights weights);

  /**
   * One timestep.
   *
   * @param tf the ops builder
   * @param projected this step's rows of {@link #projectInputs}, {@code [batch, k]}
   * @param states the previous states, {@code null} entries where they are still zero
   * @param recurrentDropout a {@code [batch, units]} mask that scales the previous output where
   *     it feeds the recurrent kernel (Keras's recurrent dropout), or {@code null}
   * @param weights the cell's weights
   * @return the step's output and new states
   */
  public abstract Step step(Ops tf, Operand<TFloat32> projected, List<Operand<TFloat32>> states,
      Operand<TFloat32> recurrentDropout, LayerWeights weights);

  /**
   * One step's result.
   *
   * @param output the output, {@code [batch, units]}
   * @param states the new states, {@link #stateCount()} of them
   */
  public record Step(Operand<TFloat32> output, List<Operand<TFloat32>> states) {}

  /**
   * The input dimension the cell was built for, from its kernel's shape.
   *
   * @param inputShapes the cell's input shapes: {@code [features]}
   * @return the number of input features
   */
  protected static long inputDim(List<long[]> inputShapes) {
    return inputShapes.get(0)[inputShapes.get(0).length - 1];
  }

  @Override
  public List<long[]> outputShapes(List<long[]> inputShapes) {
    requireInputCount(inputShapes, 1);
    Shapes.requireKnown(describe() + " input", inputShapes.get(0));
    return List.of(new long[] {units()});
  }

  /** A cell runs inside its {@link Rnn}, one step at a time, never on its own. */
  @Override
  public final List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    throw new UnsupportedOperationException(describe() + " runs inside its RNN layer");
  }

  /**
   * {@code h · R} with the recurrent dropout mask applied to {@code h}, or {@code null} when
   * {@code h} is still zero.
   *
   * @param tf the ops builder
   * @param h the previous output, or {@code null}
   * @param recurrentDropout the mask, or {@code null}
   * @param recurrent the recurrent kernel (or a slice of it)
   * @return the product, or {@code null}
   */
  protected static Operand<TFloat32> recurrentProduct(Ops tf, Operand<TFloat32> h,
      Operand<TFloat32> recurrentDropout, Operand<TFloat32> recurrent) {
    if (h == null) {
      return null;
    }
    Operand<TFloat32> hIn = recurrentDropout == null ? h : tf.math.mul(h, recurrentDropout);
    return tf.linalg.matMul(hIn, recurrent);
  }
}
