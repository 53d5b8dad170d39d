package dev.seq2seq4j.tutorials;

import java.util.Locale;
import java.util.function.Function;

/**
 * The value type of a {@link Knob}: how a command-line word and a saved-metadata value become a
 * value, and how a value is written back. Metadata is read strictly (a fractional batch size or
 * a string where a number belongs is refused), because it decides which model is rebuilt.
 *
 * @param <T> the Java type of the values
 */
public final class KnobType<T> {
  /** Whole numbers that fit an {@code int}, e.g. epochs and sizes. */
  public static final KnobType<Integer> INT =
      new KnobType<>(Integer.class, "N", KnobType::parseInt, KnobType::readInt, false);
  /** Whole numbers that fit a {@code long}, e.g. the seed. */
  public static final KnobType<Long> LONG =
      new KnobType<>(Long.class, "N", KnobType::parseLong, KnobType::readLong, false);
  /** On/off switches: {@code --flag}, {@code --flag=true} or {@code --flag=false}. */
  public static final KnobType<Boolean> BOOLEAN =
      new KnobType<>(Boolean.class, "true|false", KnobType::parseBoolean, KnobType::readBoolean,
          true);
  /** Decimal numbers, e.g. an accuracy to stop at. */
  public static final KnobType<Double> DOUBLE =
      new KnobType<>(Double.class, "X", KnobType::parseDouble, KnobType::readDouble, false);

  private final Class<T> javaType;
  private final String label;
  private final Function<String, T> parser;
  private final Function<Object, T> reader;
  private final boolean isSwitch;

  private KnobType(Class<T> javaType, String label, Function<String, T> parser,
      Function<Object, T> reader, boolean isSwitch) {
    this.javaType = javaType;
    this.label = label;
    this.parser = parser;
    this.reader = reader;
    this.isSwitch = isSwitch;
  }

  /**
   * The Java class of the values.
   *
   * @return e.g. {@code Integer.class}
   */
  public Class<T> javaType() {
    return javaType;
  }

  /**
   * The placeholder shown in help texts.
   *
   * @return e.g. {@code N}
   */
  public String label() {
    return label;
  }

  /**
   * Whether the flag may stand alone ({@code --reverse-input} meaning true).
   *
   * @return true for switches
   */
  public boolean isSwitch() {
    return isSwitch;
  }

  /**
   * Reads a command-line word.
   *
   * @param text the word
   * @return the value
   * @throws IllegalArgumentException saying what was expected
   */
  public T parse(String text) {
    return parser.apply(text == null ? "" : text.strip());
  }

  /**
   * Reads a value from parsed JSON metadata.
   *
   * @param value a number, boolean or string as the JSON reader produced it
   * @return the value
   * @throws IllegalArgumentException if it is not of this type
   */
  public T fromMetadata(Object value) {
    return reader.apply(value);
  }

  /**
   * Casts a value of this type, refusing others.
   *
   * @param value any object
   * @return the value
   * @throws IllegalArgumentException if it is of another class
   */
  public T cast(Object value) {
    if (!javaType.isInstance(value)) {
      throw new IllegalArgumentException("expected a " + javaType.getSimpleName() + ", got "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    return javaType.cast(value);
  }

  private static Integer parseInt(String text) {
    long v = parseLong(text);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return (int) v;
  }

  private static Long parseLong(String text) {
    if (!text.matches("[+-]?\\d{1,18}")) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number");
    }
    return Long.parseLong(text);
  }

  private static Boolean parseBoolean(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "":
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("'" + text + "' is not true or false");
    }
  }

  private static Double parseDouble(String text) {
    try {
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number");
    }
  }

  private static Integer readInt(Object v) {
    boolean whole = v instanceof Integer
        || (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE);
    if (!whole) {
      throw new IllegalArgumentException("not a whole number in range: " + v);
    }
    return ((Number) v).intValue();
  }

  private static Long readLong(Object v) {
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new IllegalArgumentException("not a whole number in range: " + v);
    }
    return ((Number) v).longValue();
  }

  private static Boolean readBoolean(Object v) {
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException("not true or false: " + v);
    }
    return b;
  }

  private static Double readDouble(Object v) {
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw new IllegalArgumentException("not a number: " + v);
    }
    return n.doubleValue();
  }
}
