package dev.seq2seq4j.nn;

import dev.seq2seq4j.data.FloatBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Greedy inference for a teacher-forced encoder-decoder (Keras's classic seq2seq: {@code h, c =
 * LSTM(return_state)(source)}; {@code LSTM(return_sequences, return_state)(shifted_target,
 * initial_state=[h, c])}; {@code Dense(softmax)}), built from the training model's own layers so
 * it shares their weights: the encoder runs once, then the decoder runs one step at a time, fed
 * its own previous argmax, starting from a start token.
 */
public final class GreedyDecoder implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final ModelGraph encoder;
  private final ModelGraph step;
  private final int vocabulary;

  /**
   * Builds the encoder and one-step decoder from the named layers of a trained model.
   *
   * @param trained the teacher-forced training model (supplies the layers)
   * @param weights its weights, by qualified name
   * @param encoderLstm the encoder LSTM's name (must return state)
   * @param decoderLstm the decoder LSTM's name (must return sequences and state)
   * @param outputDense the output Dense layer's name (softmax over the vocabulary)
   * @param sourceShape the per-sample source shape (timesteps, vocabulary)
   */
  public GreedyDecoder(Model trained, Map<String, FloatBlock> weights, String encoderLstm,
      String decoderLstm, String outputDense, long[] sourceShape) {
    Layer enc = trained.layer(encoderLstm);
    Layer dec = trained.layer(decoderLstm);
    Layer dense = trained.layer(outputDense);
    if (!(enc instanceof LSTM e) || !e.returnState()) {
      throw new IllegalArgumentException("'" + encoderLstm + "' must be an LSTM with return_state");
    }
    if (!(dec instanceof LSTM d) || !d.returnState() || !d.returnSequences()) {
      throw new IllegalArgumentException(
          "'" + decoderLstm + "' must be an LSTM with return_sequences and return_state");
    }
    int units = d.units();
    this.vocabulary = (int) sourceShape[sourceShape.length - 1];
    SymbolicTensor source = InputLayer.input("source", sourceShape);
    List<SymbolicTensor> encoded = enc.applyAll(source);
    Model encoderModel =
        Model.functional("encoder", List.of(source), List.of(encoded.get(1), encoded.get(2)));
    SymbolicTensor token = InputLayer.input("token", 1, vocabulary);
    SymbolicTensor h = InputLayer.input("h", units);
    SymbolicTensor c = InputLayer.input("c", units);
    List<SymbolicTensor> decoded = dec.applyAll(token, h, c);
    SymbolicTensor probs = dense.apply(decoded.get(0));
    Model stepModel = Model.functional(
        "decoder_step", List.of(token, h, c), List.of(probs, decoded.get(1), decoded.get(2)));
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      encoder = ModelGraph.build(encoderModel, tf.withSubScope("encoder"));
      step = ModelGraph.build(stepModel, tf.withSubScope("step"));
      session = new Session(graph);
      encoder.setWeights(session, subset(weights, encoderModel));
      step.setWeights(session, subset(weights, stepModel));
    } catch (RuntimeException ex) {
      graph.close();
      throw ex;
    }
  }

  private static Map<String, FloatBlock> subset(Map<String, FloatBlock> all, Model m) {
    Map<String, FloatBlock> s = new java.util.LinkedHashMap<>();
    for (String name : m.weights().keySet()) {
      FloatBlock w = all.get(name);
      if (w == null) {
        throw new IllegalArgumentException("no weight '" + name + "' given");
      }
      s.put(name, w);
    }
    return s;
  }

  /**
   * Decodes every row of {@code source}: {@code steps} tokens each, starting from {@code
   * startToken}; returns the chosen token indices, {@code [rows][steps]}.
   */
  public int[][] decode(FloatBlock source, int startToken, int steps) {
    int n = source.rows();
    int[][] tokens = new int[n][steps];
    float[][] state = runEncoder(source);
    float[] hData = state[0];
    float[] cData = state[1];
    int units = hData.length / n;
    float[] token = new float[n * vocabulary];
    for (int r = 0; r < n; r++) {
      token[r * vocabulary + startToken] = 1f;
    }
    for (int s = 0; s < steps; s++) {
      float[][] out = run(step, new float[][] {token, hData, cData},
          new long[][] {{n, 1, vocabulary}, {n, units}, {n, units}});
      float[] probs = out[0];
      token = new float[n * vocabulary];
      for (int r = 0; r < n; r++) {
        int best = 0;
        for (int k = 1; k < vocabulary; k++) {
          if (probs[r * vocabulary + k] > probs[r * vocabulary + best]) {
            best = k;
          }
        }
        tokens[r][s] = best;
        token[r * vocabulary + best] = 1f;
      }
      hData = out[1];
      cData = out[2];
    }
    return tokens;
  }

  private float[][] runEncoder(FloatBlock source) {
    return run(encoder, new float[][] {source.data()}, new long[][] {source.shape()});
  }

  private float[][] run(ModelGraph mg, float[][] inputs, long[][] shapes) {
    List<FloatBlock> blocks = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      blocks.add(FloatBlock.of(inputs[i], shapes[i]));
    }
    List<FloatBlock> out = mg.run(session, blocks);
    float[][] data = new float[out.size()][];
    for (int k = 0; k < data.length; k++) {
      data[k] = out.get(k).data();
    }
    return data;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
