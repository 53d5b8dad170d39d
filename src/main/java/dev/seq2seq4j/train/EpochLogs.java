package dev.seq2seq4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Named metric values for one epoch (or the running part of one): {@code loss}, {@code val_loss}, ... */
public final class EpochLogs {
  private final Map<String, Double> values;

  /** Wraps the given values (copied, order kept). */
  public EpochLogs(Map<String, Double> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** All values by name, in insertion order. */
  public Map<String, Double> values() {
    return values;
  }

  /** The named value, if present. */
  public OptionalDouble get(String name) {
    Double v = values.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** Formats as Keras does: {@code loss: 0.1234 - accuracy: 0.9876}, or {@code loss: 6.1234e-06}. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : values.entrySet()) {
      if (sb.length() > 0) {
        sb.append(" - ");
      }
      double v = e.getValue();
      // Like Keras, small values switch to scientific notation instead of printing 0.0000.
      String pattern = v == 0 || Math.abs(v) >= 1e-3 ? "%.4f" : "%.4e";
      sb.append(e.getKey()).append(": ").append(String.format(Locale.ROOT, pattern, v));
    }
    return sb.toString();
  }

  /** Equal when the same names map to the same values, in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EpochLogs l && List.copyOf(l.values.entrySet())
        .equals(List.copyOf(values.entrySet()));
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return format();
  }
}
