package dev.seq2seq4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable in-memory dataset of inputs and targets {@code y} with the same number of rows.
 * Most models have one input {@code x}; an encoder-decoder trained with teacher forcing has two
 * (the source sequence and the shifted target), given in the model's input order. The training
 * loop takes batches with {@link #slice} and {@link #gather}.
 */
public final class Dataset {

  private final List<FloatBlock> inputs;
  private final FloatBlock y;

  private Dataset(List<FloatBlock> inputs, FloatBlock y) {
    this.inputs = List.copyOf(inputs);
    this.y = y;
  }

  /**
   * Pairs inputs with targets.
   *
   * @param x inputs, one row per sample
   * @param y targets, one row per sample
   * @return the dataset
   * @throws IllegalArgumentException if either is null or the row counts differ
   */
  public static Dataset of(FloatBlock x, FloatBlock y) {
    if (x == null || y == null) {
      throw new IllegalArgumentException("x and y must not be null");
    }
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException("x has " + x.rows() + " rows but y has "
          + y.rows() + " (shapes " + x + " and " + y + ")");
    }
    return new Dataset(List.of(x), y);
  }

  /**
   * Pairs several inputs (in the model's input order) with targets.
   *
   * @param inputs the inputs, at least one, each with one row per sample
   * @param y targets, one row per sample
   * @return the dataset
   * @throws IllegalArgumentException if there is no input, one is null, or row counts differ
   */
  public static Dataset of(List<FloatBlock> inputs, FloatBlock y) {
    if (inputs == null || inputs.isEmpty() || y == null) {
      throw new IllegalArgumentException("a dataset needs at least one input and targets");
    }
    for (int i = 0; i < inputs.size(); i++) {
      // contains(null) would throw on immutable lists, so check element by element
      if (inputs.get(i) == null) {
        throw new IllegalArgumentException("input " + i + " is null");
      }
      if (inputs.get(i).rows() != y.rows()) {
        throw new IllegalArgumentException("input " + i + " has " + inputs.get(i).rows()
            + " rows but y has " + y.rows());
      }
    }
    return new Dataset(inputs, y);
  }

  /**
   * Number of samples.
   *
   * @return the row count shared by x and y
   */
  public int size() {
    return y.rows();
  }

  /**
   * The (first) input.
   *
   * @return x, the only input of a one-input dataset
   */
  public FloatBlock x() {
    return inputs.get(0);
  }

  /**
   * Every input, in the model's input order.
   *
   * @return the inputs
   */
  public List<FloatBlock> inputs() {
    return inputs;
  }

  /**
   * The targets.
   *
   * @return y
   */
  public FloatBlock y() {
    return y;
  }

  /**
   * The samples at the given indices, in that order (e.g. a shuffled batch).
   *
   * @param indices sample indices, at least one
   * @return a new dataset
   * @throws IllegalArgumentException if {@code indices} is empty or out of range
   */
  public Dataset gather(int[] indices) {
    List<FloatBlock> in = new ArrayList<>();
    for (FloatBlock b : inputs) {
      in.add(b.gather(indices));
    }
    return new Dataset(in, y.gather(indices));
  }

  /**
   * Samples {@code [from, to)}.
   *
   * @param from first sample, inclusive
   * @param to last sample, exclusive; greater than {@code from}
   * @return a new dataset
   * @throws IllegalArgumentException unless {@code 0 <= from < to <= size()}
   */
  public Dataset slice(int from, int to) {
    List<FloatBlock> in = new ArrayList<>();
    for (FloatBlock b : inputs) {
      in.add(b.slice(from, to));
    }
    return new Dataset(in, y.slice(from, to));
  }

  /**
   * Equal when every input and y are equal.
   *
   * @param o another object
   * @return whether equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Dataset other && inputs.equals(other.inputs) && y.equals(other.y);
  }

  /**
   * Hash of the inputs and y.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(inputs, y);
  }

  /**
   * The shapes, e.g. {@code Dataset(x=[1000, 5, 12], y=[1000, 2, 12])}.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Dataset(");
    for (int i = 0; i < inputs.size(); i++) {
      sb.append(inputs.size() == 1 ? "x" : "x" + i).append('=')
          .append(Arrays.toString(inputs.get(i).shape())).append(", ");
    }
    return sb.append("y=").append(Arrays.toString(y.shape())).append(')').toString();
  }
}
