/**
 * Training, as Keras's {@code compile} / {@code fit} split it: {@link
 * dev.seq2seq4j.train.CompiledModel} owns the TensorFlow graph and session (model, loss, metric
 * ops, one optimizer step, evaluation, prediction); {@link dev.seq2seq4j.train.FitLoop} runs
 * epochs of shuffled batches over it with validation, listeners ({@link
 * dev.seq2seq4j.train.ProgressLogger}, {@link dev.seq2seq4j.train.EarlyStopping}) and training
 * states for exact resume.
 *
 * <p>Sub-packages: {@code optim} (Keras's Adam, SGD and RMSprop), {@code metrics} (Keras's
 * metrics by name) and {@code state} (saved weights and training states on disk).
 */
package dev.seq2seq4j.train;
