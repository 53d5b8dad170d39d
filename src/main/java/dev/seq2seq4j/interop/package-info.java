/**
 * Keras models in and out of TensorFlow Java: run a SavedModel as it is, read its weights by
 * Keras name, rebuild it as a native (trainable) model, and prove both compute the same.
 *
 * <ul>
 *   <li>{@link dev.seq2seq4j.interop.SavedModelInspector}: what a SavedModel holds (tags,
 *       signatures, TensorFlow version, Keras 2 or 3 format, variables), read from {@code
 *       saved_model.pb} with the protobuf classes; {@code validate} also checks the checkpoint
 *       files, and every path below runs it before native code sees a folder.
 *   <li>{@link dev.seq2seq4j.interop.CheckpointIndex}: a checkpoint's {@code .index} parsed in
 *       plain Java (tensor names, dtypes, shapes, offsets, checksums) and its data files
 *       verified against it.
 *   <li>{@link dev.seq2seq4j.interop.SavedModelRunner}: runs a signature chosen by name, inputs
 *       checked against the SignatureDef.
 *   <li>{@link dev.seq2seq4j.interop.CheckpointReader}: variable values by Keras name (through
 *       the checkpoint's own object graph), restored with {@code RestoreV2}, from a SavedModel's
 *       {@code variables/} or a Keras {@code save_weights} prefix.
 *   <li>{@link dev.seq2seq4j.interop.KerasConfigSource} and {@link
 *       dev.seq2seq4j.interop.KerasModelBuilder}: the Keras model config (parity.json,
 *       keras_metadata.pb, HDF5 {@code model_config}, {@code .keras}, JSON) rebuilt as a native
 *       {@link dev.seq2seq4j.nn.Model}; unsupported layers and options are refused by name.
 *   <li>{@link dev.seq2seq4j.interop.ImportedModel}: config + checkpoint = native model and its
 *       weights, ready for {@link dev.seq2seq4j.train.CompiledModel} (evaluate, predict, or keep
 *       training and save with {@link dev.seq2seq4j.train.Checkpoint}).
 *   <li>{@link dev.seq2seq4j.interop.ParityChecker} and {@link
 *       dev.seq2seq4j.interop.ParityReport}: SavedModel signature vs native rebuild on the same
 *       inputs, per-output largest absolute and relative error.
 *   <li>{@link dev.seq2seq4j.interop.ParityFile}, {@link
 *       dev.seq2seq4j.interop.ParityFileWriter} and {@link
 *       dev.seq2seq4j.interop.SavedModelExporter}: the parity vectors Python writes, and Java
 *       models exported the other way.
 * </ul>
 *
 * <p>Errors name the file and the problem ({@link dev.seq2seq4j.interop.ModelLoadException},
 * {@link dev.seq2seq4j.interop.UnsupportedKerasFeatureException}); TensorFlow's native code can
 * abort the JVM on inputs it does not expect, so anything checkable is checked in Java first.
 */
package dev.seq2seq4j.interop;
