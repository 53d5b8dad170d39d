package dev.seq2seq4j.data;

import java.util.HashMap;
import java.util.Map;

/**
 * An ordered set of characters; a character's position is its class index. Encodes strings to
 * integer codes and one-hot vectors and decodes softmax outputs back to strings.
 */
public final class Alphabet {

  /**
   * The Brownlee addition alphabet {@code 0123456789+ } in the tutorial's order: digits are
   * their own index, {@code '+'} is 10 and the padding space is 11.
   */
  public static final Alphabet ADDITION = of("0123456789+ ");

  private final String symbols;
  private final Map<Character, Integer> indexBySymbol;

  private Alphabet(String symbols, Map<Character, Integer> indexBySymbol) {
    this.symbols = symbols;
    this.indexBySymbol = indexBySymbol;
  }

  /**
   * Creates an alphabet whose symbols are the characters of {@code symbols}, in order.
   *
   * @param symbols at least one character, no duplicates
   * @return the alphabet
   * @throws IllegalArgumentException if {@code symbols} is empty or repeats a character
   */
  public static Alphabet of(String symbols) {
    if (symbols == null || symbols.isEmpty()) {
      throw new IllegalArgumentException("an alphabet needs at least one symbol");
    }
    Map<Character, Integer> index = new HashMap<>();
    for (int i = 0; i < symbols.length(); i++) {
      Integer previous = index.putIfAbsent(symbols.charAt(i), i);
      if (previous != null) {
        throw new IllegalArgumentException("alphabet \"" + symbols + "\" repeats "
            + describe(symbols.charAt(i)) + " at positions " + previous + " and " + i);
      }
    }
    return new Alphabet(symbols, Map.copyOf(index));
  }

  /**
   * Number of symbols, which is the one-hot depth.
   *
   * @return the size
   */
  public int size() {
    return symbols.length();
  }

  /**
   * All symbols in index order.
   *
   * @return the symbols as a string
   */
  public String symbols() {
    return symbols;
  }

  /**
   * The symbol with the given index.
   *
   * @param index in [0, size())
   * @return the symbol
   * @throws IllegalArgumentException if the index is out of range
   */
  public char symbol(int index) {
    if (index < 0 || index >= symbols.length()) {
      throw new IllegalArgumentException("index " + index + " is outside [0, " + size()
          + ") for alphabet \"" + symbols + "\"");
    }
    return symbols.charAt(index);
  }

  /**
   * Whether {@code c} is one of the symbols.
   *
   * @param c a character
   * @return true if it is in the alphabet
   */
  public boolean contains(char c) {
    return indexBySymbol.containsKey(c);
  }

  /**
   * The index of a symbol.
   *
   * @param c a character
   * @return its index
   * @throws IllegalArgumentException naming the character and the alphabet if it is unknown
   */
  public int indexOf(char c) {
    Integer index = indexBySymbol.get(c);
    if (index == null) {
      throw new IllegalArgumentException(
          describe(c) + " is not in the alphabet \"" + symbols + "\"");
    }
    return index;
  }

  /**
   * Integer-encodes a string (the tutorial's {@code integer_encode}).
   *
   * @param text characters from this alphabet
   * @return one index per character
   * @throws IllegalArgumentException naming the character, its position and the alphabet if a
   *     character is unknown
   */
  public int[] integerEncode(String text) {
    int[] out = new int[text.length()];
    for (int i = 0; i < out.length; i++) {
      char c = text.charAt(i);
      Integer index = indexBySymbol.get(c);
      if (index == null) {
        throw new IllegalArgumentException(describe(c) + " at position " + i + " of \""
            + text + "\" is not in the alphabet \"" + symbols + "\"");
      }
      out[i] = index;
    }
    return out;
  }

  /**
   * One-hot encodes a string (the tutorial's {@code one_hot_encode} after
   * {@code integer_encode}).
   *
   * @param text characters from this alphabet
   * @return {@code [text.length() * size()]} values, row-major {@code [steps, size]}
   * @throws IllegalArgumentException if a character is unknown
   */
  public float[] oneHot(String text) {
    return OneHot.encode(integerEncode(text), size());
  }

  /**
   * Maps indices back to symbols.
   *
   * @param indices each in [0, size())
   * @return the string
   * @throws IllegalArgumentException if an index is out of range
   */
  public String decode(int[] indices) {
    StringBuilder sb = new StringBuilder(indices.length);
    for (int index : indices) {
      sb.append(symbol(index));
    }
    return sb.toString();
  }

  /**
   * Decodes one sample of per-step scores (the tutorial's {@code invert}): the argmax of each
   * step, ties to the lowest index like NumPy, mapped to its symbol. Padding is kept.
   *
   * @param probs exactly {@code steps * size()} values, row-major {@code [steps, size]}
   * @param steps number of steps
   * @return the decoded string of length {@code steps}
   * @throws IllegalArgumentException if the array length does not match
   */
  public String decodeArgmax(float[] probs, int steps) {
    if (steps < 1 || probs.length != (long) steps * size()) {
      throw new IllegalArgumentException("expected " + steps + " steps x " + size()
          + " symbols = " + ((long) steps * size()) + " values, got " + probs.length);
    }
    return decodeArgmax(probs, 0, steps);
  }

  /**
   * Decodes one sample stored inside a larger array, e.g. row {@code i} of a batch at
   * {@code offset = i * steps * size()}.
   *
   * @param probs the data
   * @param offset position of the sample's first value
   * @param steps number of steps
   * @return the decoded string of length {@code steps}
   * @throws IllegalArgumentException if the range is out of bounds
   */
  public String decodeArgmax(float[] probs, int offset, int steps) {
    return decode(OneHot.argmaxPerStep(probs, offset, steps, size()));
  }

  /**
   * The symbols, quoted.
   *
   * @return a description for messages and logs
   */
  @Override
  public String toString() {
    return "Alphabet\"" + symbols + "\"";
  }

  /**
   * Equal when the symbols are the same in the same order.
   *
   * @param o another object
   * @return whether equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Alphabet other && symbols.equals(other.symbols);
  }

  /**
   * Hash of the symbols.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return symbols.hashCode();
  }

  /** Quotes a character for error messages, spelling out invisible ones. */
  static String describe(char c) {
    if (Character.isISOControl(c) || Character.isWhitespace(c) && c != ' ') {
      return String.format("character U+%04X", (int) c);
    }
    return "character '" + c + "'";
  }
}
