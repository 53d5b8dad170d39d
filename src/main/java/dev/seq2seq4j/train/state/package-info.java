/**
 * Training on disk: {@link dev.seq2seq4j.train.state.SavedWeights} holds trained weights and
 * metadata for prediction, checksummed, versioned and replaced atomically, so a complete copy
 * survives a kill at any moment.
 */
package dev.seq2seq4j.train.state;
