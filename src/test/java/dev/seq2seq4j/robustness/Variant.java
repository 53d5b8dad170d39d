package dev.seq2seq4j.robustness;

import java.util.List;

/**
 * One damaged model file and the command lines run on it.
 *
 * @param id a unique name: source, then damage number
 * @param format the kind of file ({@code .keras}, {@code .h5}, SavedModel, saved weights), for
 *     the report
 * @param damage what was done to it
 * @param expect which outcomes are correct
 * @param target the damaged file or folder; every refusal must name it
 * @param commands the command lines, each run in the forked JVM
 */
record Variant(String id, String format, String damage, Expect expect, String target,
    List<List<String>> commands) {

  /** Which outcomes are correct for a variant. */
  enum Expect {
    /** Every command refuses it: exit 2 with one {@code error:} line naming the file. */
    REFUSED,
    /**
     * Each command refuses it, or gives exactly what it gives on the intact file: a checksum or
     * a consistency check covers every byte that was changed.
     */
    INTACT,
    /**
     * As {@link #INTACT}, or the file is read as the different model it now describes and
     * {@code parity} reports the difference from Keras's outputs (exit 1) or {@code predict}
     * prints other numbers. Only where no checksum covers the damaged bytes: HDF5 weight data,
     * JSON config text, a SavedModel's graph.
     */
    HONEST
  }
}
