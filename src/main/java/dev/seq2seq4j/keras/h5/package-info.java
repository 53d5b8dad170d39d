/**
 * Keras model files at the byte level, in plain Java.
 *
 * <ul>
 *   <li>{@link dev.seq2seq4j.keras.h5.H5Reader} and {@link dev.seq2seq4j.keras.h5.H5Group}:
 *       read-only HDF5 (legacy {@code .h5}, {@code .weights.h5}, a {@code .keras} archive's
 *       weights) through jHDF, with every claimed size checked against {@link
 *       dev.seq2seq4j.keras.h5.H5Limits} and the file before anything is allocated.
 *   <li>{@link dev.seq2seq4j.keras.h5.H5Writer}: HDF5 trees built in memory and written in the
 *       forms h5py and Keras read (chunked name lists, no empty arrays, atomic writes).
 *   <li>{@link dev.seq2seq4j.keras.h5.KerasZip}: the {@code .keras} zip, read without trusting
 *       its headers and written as Keras writes it.
 * </ul>
 *
 * <p>This package knows files, not models: which dataset is which layer's kernel is for the
 * Keras codecs above it.
 */
package dev.seq2seq4j.keras.h5;
