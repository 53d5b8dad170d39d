package dev.seq2seq4j.nn.rnn;

import dev.seq2seq4j.nn.Layer;
import dev.seq2seq4j.nn.LayerContext;
import dev.seq2seq4j.nn.LayerWeights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras {@code Bidirectional(layer, merge_mode, backward_layer)}: runs a recurrent layer forward
 * and a copy of it backward (or a given backward layer) over the same sequence, flips the
 * backward sequence output back into time order, and merges the two ({@code concat}, {@code
 * sum}, {@code mul}, {@code ave}, or none: both returned). With {@code return_state} the
 * forward states follow, then the backward ones; an {@code initial_state} is split in half the
 * same way. The two layers are the children {@code forward_layer} and {@code backward_layer}
 * (weights {@code bidirectional/forward_layer/cell/kernel}), named {@code forward_<name>} and
 * {@code backward_<name>} as Keras names them. Masks reach both, and both output zeros at masked
 * steps when returning sequences, as Keras forces.
 */
public final class Bidirectional extends Layer {
  /** How the two directions' outputs are combined. */
  public enum MergeMode {
    /** Concatenated along the last axis (Keras's default). */
    CONCAT,
    /** Added. */
    SUM,
    /** Multiplied element-wise. */
    MUL,
    /** Averaged. */
    AVE,
    /** Not merged: both outputs are returned, forward first. */
    NONE;

    /**
     * The Keras name.
     *
     * @return e.g. {@code concat}, or {@code null} for {@link #NONE}
     */
    public String kerasName() {
      return this == NONE ? null : name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode with this Keras name.
     *
     * @param name {@code concat}, {@code sum}, {@code mul}, {@code ave}, or {@code null}
     * @return the mode
     * @throws IllegalArgumentException for any other name
     */
    public static MergeMode byKerasName(String name) {
      if (name == null) {
        return NONE;
      }
      for (MergeMode m : values()) {
        if (name.equals(m.kerasName())) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown merge_mode '" + name
          + "'; use concat, sum, mul, ave or None");
    }
  }

  private final Rnn forward;
  private final Rnn backward;
  private final MergeMode mergeMode;

  /**
   * Wraps {@code layer}, with a backward copy made from it.
   *
   * @param layer the forward recurrent layer
   * @param mergeMode how to merge the outputs
   * @param name the wrapper's name, or null for a default
   */
  public Bidirectional(Rnn layer, MergeMode mergeMode, String name) {
    this(layer, mergeMode, null, name);
  }

  /**
   * Wraps {@code layer} and an explicit {@code backwardLayer}.
   *
   * @param layer the forward recurrent layer
   * @param mergeMode how to merge the outputs
   * @param backwardLayer the backward layer (its go_backwards must differ from the forward
   *     one's), or null for a copy of {@code layer} going backwards
   * @param name the wrapper's name, or null for a default
   * @throws IllegalArgumentException if the two layers do not fit together
   */
  public Bidirectional(Rnn layer, MergeMode mergeMode, Rnn backwardLayer, String name) {
    super(name);
    String base = layer.name() == null ? layer.defaultNamePrefix() : strip(layer.name(), "forward_");
    this.forward = layer.toBuilder().name("forward_" + base)
        .zeroOutputForMask(layer.returnSequences()).build();
    Rnn back = backwardLayer != null ? backwardLayer
        : layer.toBuilder().goBackwards(!layer.goBackwards()).name("backward_" + base).build();
    String backName = back.name() == null ? "backward_" + base : back.name();
    this.backward = back.toBuilder().name(backName).zeroOutputForMask(back.returnSequences()).build();
    this.mergeMode = mergeMode;
    if (forward.goBackwards() == backward.goBackwards()) {
      throw new IllegalArgumentException("Bidirectional needs forward and backward layers with "
          + "different go_backwards, got " + forward.goBackwards() + " for both");
    }
    if (forward.returnSequences() != backward.returnSequences()
        || forward.returnState() != backward.returnState()) {
      throw new IllegalArgumentException("Bidirectional needs forward and backward layers with "
          + "the same return_sequences and return_state");
    }
  }

  private static String strip(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  /**
   * The forward layer.
   *
   * @return the child {@code forward_layer}
   */
  public Rnn forwardLayer() {
    return forward;
  }

  /**
   * The backward layer.
   *
   * @return the child {@code backward_layer}
   */
  public Rnn backwardLayer() {
    return backward;
  }

  /**
   * How the outputs are merged.
   *
   * @return the merge mode
   */
  public MergeMode mergeMode() {
    return mergeMode;
  }

  @Override
  public String typeName() {
    return "Bidirectional";
  }

  @Override
  public Map<String, Layer> children() {
    Map<String, Layer> c = new LinkedHashMap<>();
    c.put("forward_layer", forward);
    c.put("backward_layer", backward);
    return c;
  }

  @Override
  public List<long[]> outputShapes(List<long[]> in) {
    int fs = forward.stateCount();
    int bs = backward.stateCount();
    if (in.size() != 1 && in.size() != 1 + fs + bs) {
      throw new IllegalArgumentException(describe() + " takes x or x and " + (fs + bs)
          + " initial states (forward, then backward), got " + in.size() + " inputs");
    }
    List<long[]> f = forward.outputShapes(subList(in, 0, fs, true));
    List<long[]> b = backward.outputShapes(subList(in, fs, bs, false));
    List<long[]> out = new ArrayList<>();
    long[] fo = f.get(0);
    long[] bo = b.get(0);
    if (mergeMode == MergeMode.NONE) {
      out.add(fo);
      out.add(bo);
    } else if (mergeMode == MergeMode.CONCAT) {
      long[] o = fo.clone();
      o[o.length - 1] += bo[bo.length - 1];
      out.add(o);
    } else {
      if (!Arrays.equals(fo, bo)) {
        throw new IllegalArgumentException(describe() + " cannot " + mergeMode.kerasName()
            + " outputs of shapes " + Arrays.toString(fo) + " and " + Arrays.toString(bo));
      }
      out.add(fo);
    }
    out.addAll(f.subList(1, f.size()));
    out.addAll(b.subList(1, b.size()));
    return out;
  }

  /** x, then the forward or backward half of the initial states if any. */
  private static <T> List<T> subList(List<T> in, int from, int count, boolean forwardHalf) {
    List<T> s = new ArrayList<>();
    s.add(in.get(0));
    if (in.size() > 1) {
      s.addAll(in.subList(1 + from, 1 + from + count));
    }
    return s;
  }

  @Override
  protected void buildChildren(List<long[]> in) {
    forward.build(subList(in, 0, forward.stateCount(), true));
    backward.build(subList(in, forward.stateCount(), backward.stateCount(), false));
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public List<Operand<TBool>> computeMasks(
      LayerContext ctx, List<Operand<TFloat32>> inputs, List<Operand<TFloat32>> outputs) {
    List<Operand<TBool>> masks = new ArrayList<>(Collections.nCopies(outputs.size(), null));
    if (forward.returnSequences()) {
      masks.set(0, ctx.mask(0));
      if (mergeMode == MergeMode.NONE) {
        masks.set(1, ctx.mask(0));
      }
    }
    return masks;
  }

  @Override
  public List<Operand<TFloat32>> call(
      LayerContext ctx, List<Operand<TFloat32>> inputs, LayerWeights weights) {
    Ops tf = ctx.tf();
    int fs = forward.stateCount();
    int bs = backward.stateCount();
    List<Operand<TBool>> masks = new ArrayList<>(Collections.nCopies(inputs.size(), null));
    masks.set(0, ctx.mask(0));
    List<Operand<TFloat32>> fIn = subList(inputs, 0, fs, true);
    List<Operand<TFloat32>> bIn = subList(inputs, fs, bs, false);
    List<Operand<TFloat32>> f = forward.call(ctx.withScope(tf.withSubScope("forward_layer"),
        masks.subList(0, fIn.size())), fIn, weights.child("forward_layer"));
    List<Operand<TFloat32>> b = backward.call(ctx.withScope(tf.withSubScope("backward_layer"),
        masks.subList(0, bIn.size())), bIn, weights.child("backward_layer"));
    Operand<TFloat32> y = f.get(0);
    Operand<TFloat32> yRev = b.get(0);
    if (backward.returnSequences()) {
      yRev = tf.reverse(yRev, tf.constant(new int[] {1}));
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    switch (mergeMode) {
      case CONCAT -> out.add(tf.concat(List.of(y, yRev), tf.constant(-1)));
      case SUM -> out.add(tf.math.add(y, yRev));
      case MUL -> out.add(tf.math.mul(y, yRev));
      case AVE -> out.add(tf.math.div(tf.math.add(y, yRev), tf.constant(2f)));
      case NONE -> {
        out.add(y);
        out.add(yRev);
      }
      default -> throw new AssertionError(mergeMode);
    }
    out.addAll(f.subList(1, f.size()));
    out.addAll(b.subList(1, b.size()));
    return out;
  }

}
