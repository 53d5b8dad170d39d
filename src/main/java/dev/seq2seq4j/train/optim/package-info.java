/**
 * Keras's optimizers with Keras 3's update rules and defaults, chosen by Keras name through
 * {@link dev.seq2seq4j.train.optim.OptimizerSpec}: {@link dev.seq2seq4j.train.optim.KerasAdam},
 * {@link dev.seq2seq4j.train.optim.KerasSgd} and {@link dev.seq2seq4j.train.optim.KerasRmsprop},
 * on a {@link dev.seq2seq4j.train.optim.KerasOptimizer} base that makes their steps repeatable
 * and their state readable and writable.
 */
package dev.seq2seq4j.train.optim;
