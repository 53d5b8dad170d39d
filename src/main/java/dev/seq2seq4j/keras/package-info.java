/**
 * Keras model files on the JVM: the {@code .keras} archive and the legacy HDF5 formats, read
 * and written in plain Java.
 *
 * <ul>
 *   <li>{@link dev.seq2seq4j.keras.h5}: the file level. An HDF5 reader and writer (through the
 *       pure-Java jHDF library) with bounds checked before anything is allocated, and the
 *       {@code .keras} zip archive.
 *   <li>{@link dev.seq2seq4j.keras.KerasFileException}: every problem with a file, one line
 *       naming the file, the place in it and the problem.
 * </ul>
 *
 * <p>Nothing here runs Python or native code: a model file is data, and a hostile one ends in
 * a {@code KerasFileException}, never in a crash, a hang or an exhausted heap.
 */
package dev.seq2seq4j.keras;
