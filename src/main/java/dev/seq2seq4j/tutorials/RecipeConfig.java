package dev.seq2seq4j.tutorials;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The values of one recipe run, one per knob the recipe declares, in declaration order. Every
 * recipe has {@link Knobs#SEED}, {@link Knobs#EPOCHS}, {@link Knobs#BATCH} and {@link
 * Knobs#SAMPLES}; asking for or setting a knob the recipe does not declare is an error, which is
 * how the command line refuses a flag that does not apply.
 *
 * <p>Values are checked by their knob's rule when set; how knobs fit together (e.g. the fewest
 * terms against the most) is the recipe's to check, in {@link Recipe#buildModel}.
 */
public final class RecipeConfig {
  private final List<Knob<?>> knobs;
  private final Map<String, Object> values;

  private RecipeConfig(List<Knob<?>> knobs, Map<String, Object> values) {
    this.knobs = knobs;
    this.values = values;
  }

  /**
   * The defaults of a set of knobs.
   *
   * @param knobs the recipe's knobs, with its defaults, the four common ones among them
   * @return the configuration
   * @throws IllegalArgumentException if a common knob is missing or a name repeats
   */
  public static RecipeConfig defaults(List<Knob<?>> knobs) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Knob<?> k : knobs) {
      if (values.put(k.name(), k.defaultValue()) != null) {
        throw new IllegalArgumentException("knob '" + k.name() + "' is declared twice");
      }
    }
    for (Knob<?> common : List.of(Knobs.SEED, Knobs.EPOCHS, Knobs.BATCH, Knobs.SAMPLES)) {
      if (!values.containsKey(common.name())) {
        throw new IllegalArgumentException("every recipe has the knob '" + common.name() + "'");
      }
    }
    return new RecipeConfig(List.copyOf(knobs), Collections.unmodifiableMap(values));
  }

  /**
   * The declared knobs, with the recipe's defaults, in order.
   *
   * @return the knobs
   */
  public List<Knob<?>> knobs() {
    return knobs;
  }

  /**
   * The declared knob of a name.
   *
   * @param name e.g. {@code length}
   * @return the knob, or empty if the recipe has none by that name
   */
  public Optional<Knob<?>> knob(String name) {
    return knobs.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /**
   * Whether the recipe declares a knob.
   *
   * @param knob the knob (matched by name)
   * @return true if declared
   */
  public boolean has(Knob<?> knob) {
    return values.containsKey(knob.name());
  }

  /**
   * A knob's value.
   *
   * @param knob the knob (matched by name)
   * @param <T> its type
   * @return the value
   * @throws IllegalArgumentException if the recipe has no such knob
   */
  public <T> T get(Knob<T> knob) {
    requireDeclared(knob.name());
    return knob.type().cast(values.get(knob.name()));
  }

  /**
   * A copy with one value changed, checked by the knob's rule.
   *
   * @param knob the knob (matched by name)
   * @param value the new value
   * @param <T> its type
   * @return the new configuration
   * @throws IllegalArgumentException if the recipe has no such knob or the value breaks its rule
   */
  public <T> RecipeConfig with(Knob<T> knob, T value) {
    return withValue(knob.name(), value);
  }

  /**
   * A copy with one value changed, by knob name (for values read from text or metadata).
   *
   * @param name the knob's name
   * @param value the new value, of the knob's type
   * @return the new configuration
   * @throws IllegalArgumentException if the recipe has no such knob or the value is invalid
   */
  public RecipeConfig withValue(String name, Object value) {
    Knob<?> declared = requireDeclared(name);
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, declared.check(value));
    return new RecipeConfig(knobs, Collections.unmodifiableMap(copy));
  }

  private Knob<?> requireDeclared(String name) {
    return knob(name).orElseThrow(
        () -> new IllegalArgumentException("the recipe has no '" + name + "'"));
  }

  /**
   * The seed.
   *
   * @return the seed
   */
  public long seed() {
    return get(Knobs.SEED);
  }

  /**
   * The epochs.
   *
   * @return epochs, at least 1
   */
  public int epochs() {
    return get(Knobs.EPOCHS);
  }

  /**
   * The batch size.
   *
   * @return samples per step, at least 1
   */
  public int batch() {
    return get(Knobs.BATCH);
  }

  /**
   * The training samples.
   *
   * @return samples, at least 1
   */
  public int samples() {
    return get(Knobs.SAMPLES);
  }

  /**
   * A copy with another seed.
   *
   * @param seed the seed
   * @return the new configuration
   */
  public RecipeConfig withSeed(long seed) {
    return with(Knobs.SEED, seed);
  }

  /**
   * A copy with another batch size.
   *
   * @param batch the batch size, at least 1
   * @return the new configuration
   */
  public RecipeConfig withBatch(int batch) {
    return with(Knobs.BATCH, batch);
  }

  /**
   * A copy with another sequence length, for the recipes that have one.
   *
   * @param length the length, at least 1
   * @return the new configuration
   */
  public RecipeConfig withLength(int length) {
    return with(Knobs.LENGTH, length);
  }

  /**
   * A copy with another unit count, for the recipes that have one.
   *
   * @param units the units, at least 1
   * @return the new configuration
   */
  public RecipeConfig withUnits(int units) {
    return with(Knobs.UNITS, units);
  }

  /**
   * A copy with another epoch count.
   *
   * @param epochs epochs, at least 1
   * @return the new configuration
   */
  public RecipeConfig withEpochs(int epochs) {
    return with(Knobs.EPOCHS, epochs);
  }

  /**
   * A copy with another sample count.
   *
   * @param samples samples, at least 1
   * @return the new configuration
   */
  public RecipeConfig withSamples(int samples) {
    return with(Knobs.SAMPLES, samples);
  }

  /**
   * The configuration as an ordered map for JSON and saved metadata, keyed by {@link
   * Knob#key()}; knobs {@link Knob#omittedAtDefault() omitted at their default} are left out
   * while they are.
   *
   * @return key to value
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Knob<?> k : knobs) {
      Object v = values.get(k.name());
      if (k.recordedAtDefault() || !v.equals(k.defaultValue())) {
        m.put(k.key(), v);
      }
    }
    return m;
  }

  /**
   * Reads a map written by {@link #toMap()} for a recipe's knobs: every key must be a declared
   * knob's, every value valid; knobs omitted at their default may be missing, others not.
   *
   * @param knobs the recipe's knobs
   * @param m the map, e.g. saved metadata
   * @return the configuration
   * @throws IllegalArgumentException naming the first problem
   */
  public static RecipeConfig fromMap(List<Knob<?>> knobs, Map<?, ?> m) {
    RecipeConfig config = defaults(knobs);
    List<String> keys = new ArrayList<>();
    for (Knob<?> k : knobs) {
      keys.add(k.key());
    }
    for (Object key : m.keySet()) {
      if (!keys.contains(String.valueOf(key))) {
        throw new IllegalArgumentException("the recipe has no '" + key + "'");
      }
    }
    for (Knob<?> k : knobs) {
      Object v = m.get(k.key());
      if (v == null) {
        if (k.recordedAtDefault()) {
          throw new IllegalArgumentException("configuration value '" + k.key() + "' is missing");
        }
        continue;
      }
      config = config.withValue(k.name(), k.fromMetadata(v));
    }
    return config;
  }

  /**
   * Equal when the same knobs hold the same values.
   *
   * @param o another object
   * @return whether equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof RecipeConfig c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
