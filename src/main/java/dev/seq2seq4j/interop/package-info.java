/**
 * Keras model files in and out, whatever the format: one door ({@link
 * dev.seq2seq4j.interop.ModelFiles#open}) sniffs a SavedModel folder, a {@code .keras} archive,
 * a legacy {@code .h5} file or a TensorFlow checkpoint by its content, validates it once in
 * Java, and {@link dev.seq2seq4j.interop.ImportedModel} rebuilds it as a native (trainable)
 * model with its weights.
 *
 * <ul>
 *   <li>{@code interop.savedmodel}: SavedModels and TensorFlow checkpoints, read in plain Java
 *       before native code sees them, run by signature, and written by Java.
 *   <li>{@code interop.parity}: the parity vectors (parity.json) and the comparison of a native
 *       rebuild with a reference: a SavedModel's own signature, or outputs Keras recorded.
 *   <li>{@code dev.seq2seq4j.keras}: Keras configs, codecs and the {@code .keras} / {@code .h5}
 *       formats themselves.
 * </ul>
 */
package dev.seq2seq4j.interop;
