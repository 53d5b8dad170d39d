package dev.seq2seq4j.nn;

import java.util.Locale;

/**
 * The element type of a model input or layer output, with Keras's name for it.
 *
 * <p>Inside a model graph every value is float32; an {@code INT32} input (an Embedding's token
 * indices) is fed as int32, as Keras exports it, and cast once where it enters the graph. Every
 * integer up to 2^24 survives that cast exactly.
 */
public enum DType {
  /** 32-bit floats, Keras's default. */
  FLOAT32("float32"),
  /** 32-bit integers, e.g. token indices. */
  INT32("int32"),
  /** Booleans, e.g. a mask computed by Keras ops; carried as 0 and 1 inside the graph. */
  BOOL("bool");

  private final String kerasName;

  DType(String kerasName) {
    this.kerasName = kerasName;
  }

  /**
   * The name Keras writes in a config, e.g. {@code float32}.
   *
   * @return the Keras name
   */
  public String kerasName() {
    return kerasName;
  }

  /**
   * The type with this Keras (or numpy) name; {@code int64} and {@code float64} map to the
   * nearest supported type, as the graph computes in float32 either way.
   *
   * @param name e.g. {@code float32}, {@code int32}
   * @return the type
   * @throws IllegalArgumentException for a type no Keras input of a supported model uses
   */
  public static DType byKerasName(String name) {
    switch (name == null ? "float32" : name.toLowerCase(Locale.ROOT)) {
      case "float32":
      case "float64":
      case "float16":
      case "bfloat16":
        return FLOAT32;
      case "int32":
      case "int64":
      case "int16":
      case "int8":
      case "uint8":
        return INT32;
      case "bool":
        return BOOL;
      default:
        throw new IllegalArgumentException("unsupported input dtype '" + name + "'");
    }
  }
}
