package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.ActivationFunction;
import dev.seq2seq4j.nn.Initializer;

/**
 * What every Keras recurrent cell is configured with, whatever its step maths: the width, the
 * output activation, whether it adds biases and how its three weights start. A builder hands one
 * of these to its cell, so a new cell type does not copy the fields again.
 *
 * @param units the width of the output and of every state
 * @param activation the output (or candidate) activation
 * @param useBias whether the cell adds biases
 * @param kernelInitializer how {@code kernel} starts
 * @param recurrentInitializer how {@code recurrent_kernel} starts
 * @param biasInitializer how {@code bias} starts
 */
record CellSettings(int units, ActivationFunction activation, boolean useBias,
    Initializer kernelInitializer, Initializer recurrentInitializer,
    Initializer biasInitializer) {}
