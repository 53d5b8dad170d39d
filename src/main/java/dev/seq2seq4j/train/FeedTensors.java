package dev.seq2seq4j.train;

import dev.seq2seq4j.data.FloatBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Float32 tensors kept from one run to the next and refilled, so that a training loop feeding
 * batches of a few shapes allocates no native memory per step. A run does not keep or change a
 * fed tensor, so refilling it for the next run is safe. Not thread-safe: one owner at a time.
 */
final class FeedTensors implements AutoCloseable {
  /** More shapes than this per slot (unusual batch sizes) are not worth keeping. */
  private static final int SHAPES_PER_SLOT = 4;

  private final List<Map<List<Long>, TFloat32>> slots = new ArrayList<>();

  /**
   * A tensor of the block's shape holding its values, owned by this cache (do not close it).
   *
   * @param slot which feed (the same slot is refilled, never shared by two feeds of a run)
   * @param block the values
   * @return the refilled tensor
   */
  TFloat32 float32(int slot, FloatBlock block) {
    while (slots.size() <= slot) {
      slots.add(new HashMap<>());
    }
    Map<List<Long>, TFloat32> byShape = slots.get(slot);
    List<Long> key = Arrays.stream(block.shape()).boxed().toList();
    TFloat32 t = byShape.get(key);
    if (t == null) {
      if (byShape.size() >= SHAPES_PER_SLOT) {
        byShape.values().forEach(TFloat32::close);
        byShape.clear();
      }
      t = TFloat32.tensorOf(Shape.of(block.shape()));
      byShape.put(key, t);
    }
    t.copyFrom(DataBuffers.of(block.data(), true, false));
    return t;
  }

  /** Frees every kept tensor. */
  @Override
  public void close() {
    for (Map<List<Long>, TFloat32> byShape : slots) {
      byShape.values().forEach(TFloat32::close);
      byShape.clear();
    }
  }
}
