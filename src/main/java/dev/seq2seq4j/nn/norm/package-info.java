/**
 * Keras's normalisation layers: {@code BatchNormalization} (moving statistics updated by
 * training steps) and {@code LayerNormalization}, over the last axis.
 */
package dev.seq2seq4j.nn.norm;
