package dev.seq2seq4j.keras;

/** The dropout option both attention layers share. */
final class AttentionRates {
  private AttentionRates() {}

  static double dropout(KerasConfig c) {
    double rate = c.number("dropout", 0);
    if (!(rate >= 0 && rate < 1)) {
      throw new UnsupportedKerasFeatureException(c.where() + ": dropout " + rate
          + " is outside [0, 1)");
    }
    return rate;
  }
}
