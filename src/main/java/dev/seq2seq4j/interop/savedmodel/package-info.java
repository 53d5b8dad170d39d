/**
 * TensorFlow SavedModels and checkpoints: {@link
 * dev.seq2seq4j.interop.savedmodel.SavedModelInspector} reads {@code saved_model.pb} with the
 * protobuf classes and {@link dev.seq2seq4j.interop.savedmodel.CheckpointIndex} a checkpoint's
 * index and data files in plain Java (sizes, checksums) before any native load; {@link
 * dev.seq2seq4j.interop.savedmodel.SavedModelRunner} runs signatures on inputs checked against
 * the SignatureDef; {@link dev.seq2seq4j.interop.savedmodel.CheckpointReader} and {@link
 * dev.seq2seq4j.interop.savedmodel.CheckpointWeights} read a model's weights by the exact names
 * Keras 2, Keras 3 and seq2seq4j give them; {@link
 * dev.seq2seq4j.interop.savedmodel.SavedModelExporter} writes Java models out.
 */
package dev.seq2seq4j.interop.savedmodel;
