/**
 * The benchmark behind {@code seq2seq4j bench}: training steps and whole recipes, the step's
 * matrix products alone (the machine's floor), inference latency and throughput, load times,
 * memory and the parallel sweep, measured in one run on one machine and set beside Keras's
 * figures (from {@code python-export/bench_keras.py}) as ratios.
 *
 * <p>Every figure is a median of several repetitions after warm-ups that are not counted;
 * variants compared with each other run interleaved, repetition by repetition, so that a
 * noisy machine slows them alike.
 */
package dev.seq2seq4j.bench;
