package dev.seq2seq4j.nn;

import dev.seq2seq4j.data.FloatBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model's weight values by qualified name ({@code lstm/cell/kernel}), in a fixed order:
 * what training produces, checkpoints store, Keras files carry and importers return.
 *
 * <p>Checking a set of weights against a model's {@link WeightSpec}s (every name known, every
 * shape exact, nothing missing) happens here and nowhere else.
 */
public final class Weights implements Iterable<Map.Entry<String, FloatBlock>> {
  private static final Weights EMPTY = new Weights(Map.of());
  private final Map<String, FloatBlock> values;

  private Weights(Map<String, FloatBlock> values) {
    this.values = values;
  }

  /**
   * Weights with these values, in the map's iteration order.
   *
   * @param values weight values by qualified name
   * @return the weights (a copy of the map; the blocks are immutable and shared)
   */
  public static Weights of(Map<String, FloatBlock> values) {
    for (Map.Entry<String, FloatBlock> e : values.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("weight names and values must not be null");
      }
    }
    return new Weights(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  /**
   * No weights.
   *
   * @return the empty set
   */
  public static Weights empty() {
    return EMPTY;
  }

  /**
   * One weight's value.
   *
   * @param name the qualified name
   * @return the value, or {@code null} if absent
   */
  public FloatBlock get(String name) {
    return values.get(name);
  }

  /**
   * The names, in order.
   *
   * @return the qualified names
   */
  public Set<String> names() {
    return values.keySet();
  }

  /**
   * How many weights there are.
   *
   * @return the count
   */
  public int size() {
    return values.size();
  }

  /**
   * The values as a read-only map in order.
   *
   * @return name to value
   */
  public Map<String, FloatBlock> asMap() {
    return values;
  }

  /**
   * The weights among {@code names}, in this set's order.
   *
   * @param names the names to keep
   * @return the subset
   */
  public Weights select(Collection<String> names) {
    Map<String, FloatBlock> s = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (names.contains(k)) {
        s.put(k, v);
      }
    });
    return new Weights(Collections.unmodifiableMap(s));
  }

  /**
   * Checks that these are exactly the weights {@code specs} describe, with their shapes.
   *
   * @param owner names the model in messages
   * @param specs the model's weights, by qualified name
   * @return these weights, reordered into the model's order
   * @throws IllegalArgumentException naming unknown, missing or mis-shaped weights
   */
  public Weights requireComplete(String owner, Map<String, WeightSpec> specs) {
    requireKnown(owner, specs);
    List<String> missing = new ArrayList<>();
    Map<String, FloatBlock> ordered = new LinkedHashMap<>();
    for (String name : specs.keySet()) {
      FloatBlock v = values.get(name);
      if (v == null) {
        missing.add(name);
      } else {
        ordered.put(name, v);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(owner + " needs weights " + missing + ", which are missing");
    }
    return new Weights(Collections.unmodifiableMap(ordered));
  }

  /**
   * Checks that every weight here is one {@code specs} describes, with its exact shape (a subset
   * is fine: writing part of a model's weights).
   *
   * @param owner names the model in messages
   * @param specs the model's weights, by qualified name
   * @return these weights
   * @throws IllegalArgumentException naming an unknown or mis-shaped weight
   */
  public Weights requireKnown(String owner, Map<String, WeightSpec> specs) {
    for (Map.Entry<String, FloatBlock> e : values.entrySet()) {
      WeightSpec s = specs.get(e.getKey());
      if (s == null) {
        throw new IllegalArgumentException(owner + " has no weight '" + e.getKey()
            + "'; its weights: " + new TreeSet<>(specs.keySet()));
      }
      if (!Arrays.equals(s.shape(), e.getValue().shape())) {
        throw new IllegalArgumentException("weight '" + e.getKey() + "' of " + owner
            + " has shape " + Arrays.toString(s.shape()) + ", given "
            + Arrays.toString(e.getValue().shape()));
      }
    }
    return this;
  }

  @Override
  public Iterator<Map.Entry<String, FloatBlock>> iterator() {
    return values.entrySet().iterator();
  }

  /** Equal when names, order-independent, and values are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Weights w && values.equals(w.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The names and shapes (values can be large). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Weights{");
    String sep = "";
    for (Map.Entry<String, FloatBlock> e : values.entrySet()) {
      sb.append(sep).append(e.getKey()).append(Arrays.toString(e.getValue().shape()));
      sep = ", ";
    }
    return sb.append('}').toString();
  }
}
