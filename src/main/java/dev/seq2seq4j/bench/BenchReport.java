package dev.seq2seq4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results: a table for people (section, what, figure, note) and a flat map of
 * named figures for the closing JSON line. Figures are rounded for reading; NaN and infinite
 * values are left out of the map.
 */
public final class BenchReport {
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final List<String[]> rows = new ArrayList<>();

  /**
   * Records a named figure for the JSON line.
   *
   * @param key the JSON key
   * @param value a number, string, boolean or list
   */
  public void put(String key, Object value) {
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return;
      }
      value = round(d);
    }
    values.put(key, value);
  }

  /**
   * Adds a table row.
   *
   * @param section e.g. {@code training}
   * @param what e.g. {@code addition-seq2seq/b10 ms per step}
   * @param figure the figure as text
   * @param note where it comes from (repetitions, threads)
   */
  public void row(String section, String what, String figure, String note) {
    rows.add(new String[] {section, what, figure, note});
  }

  /**
   * The figures recorded so far.
   *
   * @return the JSON map (insertion order)
   */
  public Map<String, Object> values() {
    return values;
  }

  /**
   * A recorded number.
   *
   * @param key the JSON key
   * @return the number, or NaN if absent
   */
  public double number(String key) {
    Object v = values.get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /**
   * Prints the table.
   *
   * @param out where to print
   */
  public void printTable(PrintStream out) {
    int[] width = {7, 4, 6};
    for (String[] r : rows) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    String format = "%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %s%n";
    out.printf(Locale.ROOT, format, "section", "what", "figure", "note");
    String previous = "";
    for (String[] r : rows) {
      out.printf(Locale.ROOT, format, r[0].equals(previous) ? "" : r[0], r[1], r[2], r[3]);
      previous = r[0];
    }
  }

  /**
   * A number for the table: three significant figures for small values, whole numbers above
   * 1000.
   *
   * @param v the value
   * @return the text, or {@code -} for NaN
   */
  public static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Four significant figures are plenty for timings on a shared machine. */
  static double round(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
    return Math.round(v * scale) / scale;
  }
}
