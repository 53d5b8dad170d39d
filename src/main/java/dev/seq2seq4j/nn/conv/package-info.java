/**
 * Keras's layers over sequences with a window: {@code Conv1D} and the 1-D pooling layers, local
 * ({@code MaxPooling1D}, {@code AveragePooling1D}) and global ({@code GlobalAveragePooling1D},
 * {@code GlobalMaxPooling1D}), channels last.
 */
package dev.seq2seq4j.nn.conv;
