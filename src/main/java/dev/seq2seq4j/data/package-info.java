/**
 * The tutorials' problems and encodings in plain Java, with no TensorFlow dependency.
 *
 * <ul>
 *   <li>{@link dev.seq2seq4j.data.PythonRandom}: CPython's {@code random} for integer seeds, so
 *       the same seed draws the same examples as the Python tutorials.</li>
 *   <li>{@link dev.seq2seq4j.data.FloatBlock} and {@link dev.seq2seq4j.data.Dataset}: immutable
 *       row-major tensors and x/y pairs that the trainer slices into batches.</li>
 *   <li>{@link dev.seq2seq4j.data.Alphabet} and {@link dev.seq2seq4j.data.OneHot}: integer and
 *       one-hot encoding, argmax decoding.</li>
 *   <li>Brownlee: {@link dev.seq2seq4j.data.AdditionProblem} (seq2seq strings such as
 *       {@code " 3+10"} to {@code "13"}) and {@link dev.seq2seq4j.data.NormalisedSums} (the
 *       scaled mapping data).</li>
 *   <li>Karakaya: {@link dev.seq2seq4j.data.ReversedSequenceProblem}.</li>
 * </ul>
 */
package dev.seq2seq4j.data;
