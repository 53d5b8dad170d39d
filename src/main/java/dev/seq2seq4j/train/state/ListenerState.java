package dev.seq2seq4j.train.state;

import dev.seq2seq4j.nn.Weights;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The saved state of one {@link Stateful} listener: named numbers (exact doubles, infinities
 * included), named integers and named sets of weights (EarlyStopping's best weights).
 */
public final class ListenerState {
  private final Map<String, Double> numbers;
  private final Map<String, Long> integers;
  private final Map<String, Weights> weights;

  private ListenerState(Builder b) {
    this.numbers = Collections.unmodifiableMap(new LinkedHashMap<>(b.numbers));
    this.integers = Collections.unmodifiableMap(new LinkedHashMap<>(b.integers));
    this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(b.weights));
  }

  /**
   * Starts an empty state.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A number.
   *
   * @param key its name
   * @return the value
   * @throws IllegalArgumentException if absent
   */
  public double number(String key) {
    return require(numbers, key);
  }

  /**
   * An integer.
   *
   * @param key its name
   * @return the value
   * @throws IllegalArgumentException if absent
   */
  public long integer(String key) {
    return require(integers, key);
  }

  /**
   * A set of weights.
   *
   * @param key its name
   * @return the weights, or {@code null} if none were saved under that name
   */
  public Weights weights(String key) {
    return weights.get(key);
  }

  /**
   * Every number.
   *
   * @return name to value, in order
   */
  public Map<String, Double> numbers() {
    return numbers;
  }

  /**
   * Every integer.
   *
   * @return name to value, in order
   */
  public Map<String, Long> integers() {
    return integers;
  }

  /**
   * Every set of weights.
   *
   * @return name to weights, in order
   */
  public Map<String, Weights> weightSets() {
    return weights;
  }

  private static <T> T require(Map<String, T> m, String key) {
    T v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("the listener state has no value '" + key + "'");
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListenerState s && s.numbers.equals(numbers) && s.integers.equals(integers)
        && s.weights.equals(weights);
  }

  @Override
  public int hashCode() {
    return numbers.hashCode() * 31 + integers.hashCode() * 7 + weights.hashCode();
  }

  /** Builds a {@link ListenerState}. */
  public static final class Builder {
    private final Map<String, Double> numbers = new LinkedHashMap<>();
    private final Map<String, Long> integers = new LinkedHashMap<>();
    private final Map<String, Weights> weights = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a number.
     *
     * @param key a name of letters, digits and {@code _}
     * @param value any double, kept bit for bit
     * @return this builder
     */
    public Builder number(String key, double value) {
      numbers.put(checked(key), value);
      return this;
    }

    /**
     * Adds an integer.
     *
     * @param key a name of letters, digits and {@code _}
     * @param value the value
     * @return this builder
     */
    public Builder integer(String key, long value) {
      integers.put(checked(key), value);
      return this;
    }

    /**
     * Adds a set of weights.
     *
     * @param key a name of letters, digits and {@code _}
     * @param value the weights
     * @return this builder
     */
    public Builder weights(String key, Weights value) {
      if (value == null) {
        throw new IllegalArgumentException("weights must not be null");
      }
      weights.put(checked(key), value);
      return this;
    }

    private static String checked(String key) {
      if (key == null || !key.matches("[A-Za-z0-9_]+")) {
        throw new IllegalArgumentException("invalid listener state key '" + key + "'");
      }
      return key;
    }

    /**
     * The state.
     *
     * @return the state
     */
    public ListenerState build() {
      return new ListenerState(this);
    }
  }
}
