/**
 * Keras's metrics by name ({@code accuracy}, {@code categorical_accuracy}, {@code mae}, ...),
 * computed per batch in the graph and combined per epoch as Keras's mean metrics are.
 */
package dev.seq2seq4j.train.metrics;
