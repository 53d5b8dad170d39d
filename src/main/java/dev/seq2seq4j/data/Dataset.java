package dev.seq2seq4j.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable in-memory dataset of inputs {@code x} and targets {@code y} with the same number
 * of rows. The training loop takes batches with {@link #slice} and {@link #gather}.
 */
public final class Dataset {

    private final FloatBlock x;
    private final FloatBlock y;

    private Dataset(FloatBlock x, FloatBlock y) {
        this.x = x;
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
        return new Dataset(x, y);
    }

    /**
     * Number of samples.
     *
     * @return the row count shared by x and y
     */
    public int size() {
        return x.rows();
    }

    /**
     * The inputs.
     *
     * @return x
     */
    public FloatBlock x() {
        return x;
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
        return new Dataset(x.gather(indices), y.gather(indices));
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
        return new Dataset(x.slice(from, to), y.slice(from, to));
    }

    /**
     * Equal when both x and y are equal.
     *
     * @param o another object
     * @return whether equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dataset other && x.equals(other.x) && y.equals(other.y);
    }

    /**
     * Hash of x and y.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(x, y);
    }

    /**
     * The shapes, e.g. {@code Dataset(x=[1000, 5, 12], y=[1000, 2, 12])}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "Dataset(x=" + Arrays.toString(x.shape()) + ", y=" + Arrays.toString(y.shape())
                + ")";
    }
}
