package dev.seq2seq4j.tutorials;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One setting a recipe declares: its name (the flag {@code --name}, the metadata key
 * {@code name} with dashes as underscores), its type, the recipe's default, the rule a value
 * must satisfy and a line of help. Recipes share the definitions in {@link Knobs} and give each
 * its own default with {@link #withDefault}; two knobs are the same setting when their names
 * are equal.
 *
 * <p>A knob added to a recipe after results were saved is {@link #omittedAtDefault() omitted at
 * its default} when a configuration is written, so older runs' metadata and JSON stay as they
 * were and still read back (a missing value means the default).
 *
 * @param <T> the value type
 */
public final class Knob<T> {
  private final String name;
  private final KnobType<T> type;
  private final T defaultValue;
  private final Predicate<T> rule;
  private final String requirement;
  private final String description;
  private final boolean recordedAtDefault;

  private Knob(String name, KnobType<T> type, T defaultValue, Predicate<T> rule,
      String requirement, String description, boolean recordedAtDefault) {
    if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("knob names are lower-case words joined by '-': "
          + name);
    }
    this.name = name;
    this.type = Objects.requireNonNull(type, "type");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.requirement = requirement;
    this.description = description;
    this.recordedAtDefault = recordedAtDefault;
    this.defaultValue = check(defaultValue);
  }

  /**
   * A whole-number knob with a lower bound.
   *
   * @param name e.g. {@code epochs}
   * @param min the smallest valid value
   * @param defaultValue the default, at least {@code min}
   * @param description one line of help
   * @return the knob
   */
  public static Knob<Integer> atLeast(String name, int min, int defaultValue,
      String description) {
    return new Knob<>(name, KnobType.INT, defaultValue, v -> v >= min, "must be >= " + min,
        description, true);
  }

  /**
   * A whole-number knob within bounds.
   *
   * @param name e.g. {@code terms}
   * @param min the smallest valid value
   * @param max the largest valid value
   * @param defaultValue the default
   * @param description one line of help
   * @return the knob
   */
  public static Knob<Integer> between(String name, int min, int max, int defaultValue,
      String description) {
    return new Knob<>(name, KnobType.INT, defaultValue, v -> v >= min && v <= max,
        "must be in [" + min + ", " + max + "]", description, true);
  }

  /**
   * A knob that takes any value of its type.
   *
   * @param name the name
   * @param type the type
   * @param defaultValue the default
   * @param description one line of help
   * @param <T> the value type
   * @return the knob
   */
  public static <T> Knob<T> any(String name, KnobType<T> type, T defaultValue,
      String description) {
    return new Knob<>(name, type, defaultValue, v -> true, "", description, true);
  }

  /**
   * A decimal knob within bounds.
   *
   * @param name the name
   * @param min the smallest valid value
   * @param max the largest valid value
   * @param defaultValue the default
   * @param description one line of help
   * @return the knob
   */
  public static Knob<Double> between(String name, double min, double max, double defaultValue,
      String description) {
    return new Knob<>(name, KnobType.DOUBLE, defaultValue, v -> v >= min && v <= max,
        String.format(Locale.ROOT, "must be in [%s, %s]", min, max), description, true);
  }

  /**
   * The same setting with another default (a recipe's own).
   *
   * @param value the default, valid by this knob's rule
   * @return the knob
   * @throws IllegalArgumentException if the value breaks the rule
   */
  public Knob<T> withDefault(T value) {
    return new Knob<>(name, type, value, rule, requirement, description, recordedAtDefault);
  }

  /**
   * The same setting, left out of written configurations while at its default (for knobs a
   * recipe gained after runs were saved).
   *
   * @return the knob
   */
  public Knob<T> omittedAtDefault() {
    return new Knob<>(name, type, defaultValue, rule, requirement, description, false);
  }

  /**
   * The name, e.g. {@code reverse-input}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The command-line flag.
   *
   * @return e.g. {@code --reverse-input}
   */
  public String flag() {
    return "--" + name;
  }

  /**
   * The key in JSON and saved metadata.
   *
   * @return e.g. {@code reverse_input}
   */
  public String key() {
    return name.replace('-', '_');
  }

  /**
   * The value type.
   *
   * @return the type
   */
  public KnobType<T> type() {
    return type;
  }

  /**
   * The default.
   *
   * @return the default value
   */
  public T defaultValue() {
    return defaultValue;
  }

  /**
   * The help line.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Whether a configuration at this knob's default still writes it.
   *
   * @return false for knobs {@link #omittedAtDefault() omitted at their default}
   */
  public boolean recordedAtDefault() {
    return recordedAtDefault;
  }

  /**
   * Checks a value against the rule.
   *
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException e.g. {@code epochs must be >= 1, got 0}
   */
  public T check(Object value) {
    T v;
    try {
      v = type.cast(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    if (!rule.test(v)) {
      throw new IllegalArgumentException(name + " " + requirement + ", got " + v);
    }
    return v;
  }

  /**
   * Reads and checks a command-line word.
   *
   * @param text the word after the flag (empty for a switch given alone)
   * @return the value
   * @throws IllegalArgumentException naming the flag
   */
  public T parse(String text) {
    T v;
    try {
      v = type.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag() + ": " + e.getMessage(), e);
    }
    return check(v);
  }

  /**
   * Reads and checks a saved-metadata value.
   *
   * @param value the parsed JSON value
   * @return the value
   * @throws IllegalArgumentException e.g. {@code setting 'batch' is not a whole number}
   */
  public T fromMetadata(Object value) {
    T v;
    try {
      v = type.fromMetadata(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting '" + key() + "' is " + e.getMessage(), e);
    }
    return check(v);
  }

  /**
   * Same setting: same name.
   *
   * @param o another object
   * @return whether it is a knob of the same name
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Knob<?> k && k.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return flag() + " (default " + defaultValue + ")";
  }
}
