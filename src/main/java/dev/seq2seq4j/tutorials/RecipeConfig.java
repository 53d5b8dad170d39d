package dev.seq2seq4j.tutorials;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs of one recipe run. Every recipe uses {@code seed}, {@code epochs}, {@code batch} and
 * {@code samples}; the problem sizes that a recipe does not have are 0 in its defaults (the
 * reversed-sequence problem has no {@code largest} or {@code terms}, the addition problems no
 * {@code length}), which is how the command line knows a flag does not apply.
 *
 * @param seed the one seed all randomness derives from: data, initial weights, shuffling
 * @param epochs training epochs (an upper bound where early stopping applies)
 * @param batch samples per optimizer step
 * @param samples training samples (per epoch for Brownlee, who draws fresh data every epoch)
 * @param largest largest addition term, or 0 if not applicable
 * @param terms number of addition terms, or 0 if not applicable
 * @param length reversed-sequence length, or 0 if not applicable
 * @param units LSTM width (the encoder's for the seq2seq adder, the hidden Dense width for the
 *     reverse MLP), or 0 if the model has no such size
 */
public record RecipeConfig(
    long seed, int epochs, int batch, int samples, int largest, int terms, int length, int units) {

  /**
   * Validates the values that every recipe uses and that no size is negative.
   *
   * @param seed the seed
   * @param epochs epochs, at least 1
   * @param batch batch size, at least 1
   * @param samples training samples, at least 1
   * @param largest largest term, or 0
   * @param terms number of terms, or 0
   * @param length sequence length, or 0
   * @param units width, or 0
   * @throws IllegalArgumentException naming the offending value
   */
  public RecipeConfig {
    requireAtLeast("epochs", epochs, 1);
    requireAtLeast("batch", batch, 1);
    requireAtLeast("samples", samples, 1);
    requireAtLeast("largest", largest, 0);
    requireAtLeast("terms", terms, 0);
    requireAtLeast("length", length, 0);
    requireAtLeast("units", units, 0);
  }

  private static void requireAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }

  /**
   * A copy with another seed.
   *
   * @param newSeed the seed
   * @return the new configuration
   */
  public RecipeConfig withSeed(long newSeed) {
    return new RecipeConfig(newSeed, epochs, batch, samples, largest, terms, length, units);
  }

  /**
   * A copy with another epoch count.
   *
   * @param newEpochs epochs, at least 1
   * @return the new configuration
   */
  public RecipeConfig withEpochs(int newEpochs) {
    return new RecipeConfig(seed, newEpochs, batch, samples, largest, terms, length, units);
  }

  /**
   * A copy with another batch size.
   *
   * @param newBatch batch size, at least 1
   * @return the new configuration
   */
  public RecipeConfig withBatch(int newBatch) {
    return new RecipeConfig(seed, epochs, newBatch, samples, largest, terms, length, units);
  }

  /**
   * A copy with another sample count.
   *
   * @param newSamples samples, at least 1
   * @return the new configuration
   */
  public RecipeConfig withSamples(int newSamples) {
    return new RecipeConfig(seed, epochs, batch, newSamples, largest, terms, length, units);
  }

  /**
   * A copy with another largest term.
   *
   * @param newLargest largest term
   * @return the new configuration
   */
  public RecipeConfig withLargest(int newLargest) {
    return new RecipeConfig(seed, epochs, batch, samples, newLargest, terms, length, units);
  }

  /**
   * A copy with another number of terms.
   *
   * @param newTerms number of terms
   * @return the new configuration
   */
  public RecipeConfig withTerms(int newTerms) {
    return new RecipeConfig(seed, epochs, batch, samples, largest, newTerms, length, units);
  }

  /**
   * A copy with another sequence length.
   *
   * @param newLength sequence length
   * @return the new configuration
   */
  public RecipeConfig withLength(int newLength) {
    return new RecipeConfig(seed, epochs, batch, samples, largest, terms, newLength, units);
  }

  /**
   * A copy with another width.
   *
   * @param newUnits units
   * @return the new configuration
   */
  public RecipeConfig withUnits(int newUnits) {
    return new RecipeConfig(seed, epochs, batch, samples, largest, terms, length, newUnits);
  }

  /**
   * The configuration as an ordered map (for JSON and checkpoint metadata); sizes that do not
   * apply (0) are left out.
   *
   * @return name to value
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    m.put("epochs", epochs);
    m.put("batch", batch);
    m.put("samples", samples);
    putIfUsed(m, "largest", largest);
    putIfUsed(m, "terms", terms);
    putIfUsed(m, "length", length);
    putIfUsed(m, "units", units);
    return m;
  }

  private static void putIfUsed(Map<String, Object> m, String key, int value) {
    if (value != 0) {
      m.put(key, value);
    }
  }

  /**
   * Reads a map written by {@link #toMap()}; missing sizes are 0.
   *
   * @param m the map, e.g. checkpoint metadata
   * @return the configuration
   * @throws IllegalArgumentException if a required value is missing or not a number
   */
  public static RecipeConfig fromMap(Map<?, ?> m) {
    return new RecipeConfig(
        number(m, "seed", true).longValue(),
        number(m, "epochs", true).intValue(),
        number(m, "batch", true).intValue(),
        number(m, "samples", true).intValue(),
        number(m, "largest", false).intValue(),
        number(m, "terms", false).intValue(),
        number(m, "length", false).intValue(),
        number(m, "units", false).intValue());
  }

  private static Number number(Map<?, ?> m, String key, boolean required) {
    Object v = m.get(key);
    if (v == null && !required) {
      return 0;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          "configuration value '" + key + "' is " + (v == null ? "missing" : "not a number: " + v));
    }
    return n;
  }
}
