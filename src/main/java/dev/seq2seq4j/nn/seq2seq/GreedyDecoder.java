package dev.seq2seq4j.nn.seq2seq;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.InputLayer;
import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.ModelGraph;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.nn.rnn.Rnn;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Greedy inference for a teacher-forced encoder-decoder: the encoder runs once, then the decoder
 * runs one step at a time, fed its own previous argmax, starting from a start token.
 *
 * <p>The two models follow one convention ({@link EncoderDecoder}): the step model's inputs are
 * {@code [token (1, V), carried..., constants...]} and its outputs {@code [probabilities,
 * carried...]}; the encoder's outputs give the first values of every input after the token, in
 * order. Carried values (the LSTM state) are replaced by each step's outputs; constants (such as
 * the encoder sequence attention reads) stay.
 */
public final class GreedyDecoder implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final ModelGraph encoder;
  private final ModelGraph step;
  private final int vocabulary;
  private final int outputs;
  private final int carried;

  /**
   * Builds the inference models of Keras's classic seq2seq ({@code states =
   * RNN(return_state)(source)}; {@code RNN(return_sequences, return_state)(shifted_target,
   * initial_state=states)}; {@code Dense(softmax)}) from the named layers of a trained model, so
   * they share its weights. Any recurrent layer works (LSTM, GRU, SimpleRNN).
   *
   * @param trained the teacher-forced training model (supplies the layers)
   * @param weights its weights, by qualified name
   * @param encoderRnn the encoder's name (a recurrent layer returning its state)
   * @param decoderRnn the decoder's name (a recurrent layer returning sequences and state)
   * @param outputDense the output Dense layer's name (softmax over the vocabulary)
   * @param sourceShape the per-sample source shape (timesteps, vocabulary)
   */
  public GreedyDecoder(Model trained, Weights weights, String encoderRnn,
      String decoderRnn, String outputDense, long[] sourceShape) {
    this(classicModels(trained, encoderRnn, decoderRnn, outputDense, sourceShape), weights);
  }

  /**
   * Runs the given inference models (see the class comment for their convention).
   *
   * @param models the encoder and step models ({@link EncoderDecoder#training()} is not used)
   * @param weights the trained weights, by qualified name
   */
  public GreedyDecoder(EncoderDecoder models, Weights weights) {
    Model stepModel = models.step();
    long[] tokenShape = stepModel.inputs().get(0).shape();
    this.vocabulary = (int) tokenShape[tokenShape.length - 1];
    // The output vocabulary may lack the start token the input vocabulary has; shared indices
    // mean the same symbol.
    long[] probShape = stepModel.outputs().get(0).shape();
    this.outputs = (int) probShape[probShape.length - 1];
    this.carried = stepModel.outputs().size() - 1;
    if (models.encoder().outputs().size() != stepModel.inputs().size() - 1) {
      throw new IllegalArgumentException("the encoder gives " + models.encoder().outputs().size()
          + " values, the step model takes " + (stepModel.inputs().size() - 1) + " after the token");
    }
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      encoder = ModelGraph.build(models.encoder(), tf.withSubScope("encoder"));
      step = ModelGraph.build(stepModel, tf.withSubScope("step"));
      session = new Session(graph);
      encoder.setWeights(session, subset(weights, models.encoder()));
      step.setWeights(session, subset(weights, stepModel));
    } catch (RuntimeException ex) {
      graph.close();
      throw ex;
    }
  }

  private static EncoderDecoder classicModels(Model trained, String encoderRnn,
      String decoderRnn, String outputDense, long[] sourceShape) {
    Layer enc = trained.layer(encoderRnn);
    Layer dec = trained.layer(decoderRnn);
    Layer dense = trained.layer(outputDense);
    if (!(enc instanceof Rnn e) || !e.returnState()) {
      throw new IllegalArgumentException(
          "'" + encoderRnn + "' must be a recurrent layer with return_state");
    }
    if (!(dec instanceof Rnn d) || !d.returnState() || !d.returnSequences()) {
      throw new IllegalArgumentException("'" + decoderRnn
          + "' must be a recurrent layer with return_sequences and return_state");
    }
    if (e.stateCount() != d.stateCount() || e.units() != d.units()) {
      throw new IllegalArgumentException("'" + encoderRnn + "' and '" + decoderRnn
          + "' must carry states of one size to hand the encoder's on to the decoder");
    }
    int units = d.units();
    long vocabulary = trained.inputs().get(trained.inputs().size() - 1).shape()[1];
    SymbolicTensor source = InputLayer.input("source", sourceShape);
    List<SymbolicTensor> encoded = enc.applyAll(source);
    Model encoderModel = Model.functional("encoder", List.of(source),
        encoded.subList(1, encoded.size()));
    SymbolicTensor token = InputLayer.input("token", 1, vocabulary);
    List<SymbolicTensor> stepInputs = new ArrayList<>(List.of(token));
    for (String state : d.cell().stateNames()) {
      stepInputs.add(InputLayer.input(state, units));
    }
    List<SymbolicTensor> decoded = dec.applyAll(stepInputs.toArray(new SymbolicTensor[0]));
    List<SymbolicTensor> stepOutputs = new ArrayList<>(List.of(dense.apply(decoded.get(0))));
    stepOutputs.addAll(decoded.subList(1, decoded.size()));
    Model stepModel = Model.functional("decoder_step", stepInputs, stepOutputs);
    return new EncoderDecoder(null, encoderModel, stepModel);
  }

  private static Weights subset(Weights all, Model m) {
    return all.select(m.weights().keySet()).requireComplete("model '" + m.name() + "'", m.weights());
  }

  /**
   * Decodes every row of {@code source}: {@code steps} tokens each, starting from {@code
   * startToken}; returns the chosen token indices, {@code [rows][steps]}.
   */
  public int[][] decode(FloatBlock source, int startToken, int steps) {
    int n = source.rows();
    int[][] tokens = new int[n][steps];
    float[][] values = runEncoder(source); // first values of every step input after the token
    List<SymbolicTensor> stepInputs = step.model().inputs();
    long[][] shapes = new long[stepInputs.size()][];
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = batched(n, stepInputs.get(i).shape());
    }
    float[][] feeds = new float[stepInputs.size()][];
    System.arraycopy(values, 0, feeds, 1, values.length);
    float[] token = new float[n * vocabulary];
    for (int r = 0; r < n; r++) {
      token[r * vocabulary + startToken] = 1f;
    }
    for (int s = 0; s < steps; s++) {
      feeds[0] = token;
      float[][] out = run(step, feeds, shapes);
      float[] probs = out[0];
      token = new float[n * vocabulary];
      for (int r = 0; r < n; r++) {
        int best = 0;
        for (int k = 1; k < outputs; k++) {
          if (probs[r * outputs + k] > probs[r * outputs + best]) {
            best = k;
          }
        }
        tokens[r][s] = best;
        token[r * vocabulary + best] = 1f;
      }
      System.arraycopy(out, 1, feeds, 1, carried); // the new state; constants stay
    }
    return tokens;
  }

  private static long[] batched(int n, long[] row) {
    long[] s = new long[row.length + 1];
    s[0] = n;
    System.arraycopy(row, 0, s, 1, row.length);
    return s;
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
