package dev.seq2seq4j.keras;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Keras version that wrote a model file, which decides maths that changed between versions
 * ({@code hard_sigmoid}, GRU's {@code reset_after} default) and file layouts.
 *
 * @param major e.g. 3
 * @param minor e.g. 8
 * @param patch e.g. 0
 * @param text the version as the file states it ({@code 2.2.4-tf}, {@code 3.8.0}), or a
 *     description where the file states none
 */
public record KerasVersion(int major, int minor, int patch, String text) {
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  /** Keras 3 when a file does not say (a plain JSON config, a Keras 3 export). */
  public static final KerasVersion KERAS_3 = new KerasVersion(3, 0, 0, "3 (assumed)");

  /** Keras 1 for a legacy HDF5 file without {@code keras_version}, as Keras 2's loader read it. */
  public static final KerasVersion KERAS_1_UNSTATED =
      new KerasVersion(1, 0, 0, "1 (no keras_version)");

  /**
   * Parses a version string.
   *
   * @param text e.g. {@code 3.8.0}, {@code 2.2.4-tf}, {@code 2.15.0}
   * @return the version
   * @throws IllegalArgumentException if it does not start with {@code major.minor}
   */
  public static KerasVersion parse(String text) {
    Matcher m = VERSION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Keras version: '" + text + "'");
    }
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new KerasVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch,
        text.trim());
  }

  /**
   * The version a model config states: Keras 2's {@code model.to_json()} writes {@code
   * keras_version} at its top level; Keras 3's writes none.
   *
   * @param config the model config
   * @return the stated version, or {@link #KERAS_3}
   */
  public static KerasVersion ofConfig(com.fasterxml.jackson.databind.JsonNode config) {
    com.fasterxml.jackson.databind.JsonNode v = config.get("keras_version");
    if (v != null && v.isTextual()) {
      try {
        return parse(v.asText());
      } catch (IllegalArgumentException e) {
        return KERAS_3;
      }
    }
    return KERAS_3;
  }

  /**
   * Whether this is Keras 1 or 2 (including tf.keras and tf_keras), whose {@code hard_sigmoid}
   * is {@code clip(0.2 x + 0.5, 0, 1)} (Keras 1 defined it so with both backends).
   *
   * @return true below Keras 3
   */
  public boolean keras2() {
    return major < 3;
  }

  /**
   * Whether this version is at least {@code major.minor}.
   *
   * @param major the major version
   * @param minor the minor version
   * @return true if this is that version or newer
   */
  public boolean atLeast(int major, int minor) {
    return this.major > major || this.major == major && this.minor >= minor;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Keras %s", text);
  }
}
