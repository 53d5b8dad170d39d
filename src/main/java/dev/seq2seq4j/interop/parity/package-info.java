/**
 * Proving a native rebuild equal to Keras: {@link dev.seq2seq4j.interop.parity.ParityFile} is the
 * parity.json python-export writes (probe inputs and Keras's outputs), {@link
 * dev.seq2seq4j.interop.parity.ParityFileWriter} writes one for Java exports, and {@link
 * dev.seq2seq4j.interop.parity.ParityChecker} compares a native model with a reference (a
 * SavedModel signature run, or recorded outputs) output by output ({@link
 * dev.seq2seq4j.interop.parity.ParityReport}).
 */
package dev.seq2seq4j.interop.parity;
