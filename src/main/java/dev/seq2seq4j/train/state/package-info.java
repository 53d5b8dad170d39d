/**
 * Training on disk: {@link dev.seq2seq4j.train.state.SavedWeights} (trained weights and metadata,
 * for prediction) and {@link dev.seq2seq4j.train.state.TrainingState} (everything an exact
 * resume needs; what "checkpoint" means in this project). Both are checksummed, versioned and
 * replaced atomically, so a complete copy survives a kill at any moment.
 */
package dev.seq2seq4j.train.state;
