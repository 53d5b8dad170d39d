package dev.seq2seq4j.tutorials;

/**
 * The settings recipes share, each with its rule and help line; a recipe declares the ones it
 * has, with its own defaults ({@link Knob#withDefault}). The first four every recipe has.
 */
public final class Knobs {
  /** Keras's default Adam learning rate, which compiling without a rate uses. */
  static final double KERAS_ADAM_RATE = 0.001;

  /** The one seed all randomness derives from: data, initial weights, shuffling. */
  public static final Knob<Long> SEED = Knob.any("seed", KnobType.LONG, 1L,
      "Seed of data, initial weights and shuffling (default: 1).");
  /** Training epochs, an upper bound where training stops early. */
  public static final Knob<Integer> EPOCHS = Knob.atLeast("epochs", 1, 1,
      "Training epochs (the maximum, where early stopping applies).");
  /** Samples per optimizer step. */
  public static final Knob<Integer> BATCH = Knob.atLeast("batch", 1, 32,
      "Samples per optimizer step.");
  /** Training samples, per epoch where every epoch draws fresh ones. */
  public static final Knob<Integer> SAMPLES = Knob.atLeast("samples", 1, 1,
      "Training samples (per epoch where every epoch draws fresh ones).");
  /** The largest number in a question. */
  public static final Knob<Integer> LARGEST = Knob.atLeast("largest", 1, 10,
      "Largest number in a question (addition and arithmetic recipes).");
  /** Numbers per question (the most, where term counts vary). */
  public static final Knob<Integer> TERMS = Knob.atLeast("terms", 1, 2,
      "Number of terms per question (the most, where the count varies).");
  /** The fewest numbers per question where term counts vary. */
  public static final Knob<Integer> MIN_TERMS = Knob.atLeast("min-terms", 1, 2,
      "Fewest terms per question (addition-mixed-terms).");
  /** Sequence length (the longest, where lengths vary). */
  public static final Knob<Integer> LENGTH = Knob.atLeast("length", 1, 4,
      "Sequence length (reverse recipes; the longest where lengths vary).");
  /** The width of the model's recurrent layers. */
  public static final Knob<Integer> UNITS = Knob.atLeast("units", 1, 16,
      "LSTM width (the encoder's for the seq2seq models, the hidden width for reverse-mlp).");
  /** Whether questions are fed back to front. */
  public static final Knob<Boolean> REVERSE_INPUT = Knob.any("reverse-input", KnobType.BOOLEAN,
      false, "Feed each question back to front, as Sutskever et al. and Keras's example do "
          + "(character recipes; --reverse-input=false turns it off).");
  /** Whether every epoch trains on freshly generated samples. */
  public static final Knob<Boolean> GENERATED = Knob.any("generated", KnobType.BOOLEAN, false,
      "Train on fresh samples every epoch, scored on a fixed seeded test set "
          + "(reverse-attention).");
  /** Whether an attention model's encoder reads both ways. */
  public static final Knob<Boolean> BIDIRECTIONAL = Knob.any("bidirectional", KnobType.BOOLEAN,
      false, "Read the source both ways (attention reversers; the decoder is twice as wide).");
  /** Adam's learning rate. */
  public static final Knob<Double> LEARNING_RATE = Knob.between("learning-rate", 1e-6, 1.0,
      KERAS_ADAM_RATE, "Adam's learning rate (default Keras's 0.001).");
  /** The width of the token embedding. */
  public static final Knob<Integer> EMBEDDING = Knob.atLeast("embedding", 1, 16,
      "Embedding width (addition-embedding).");
  /** The most digits of a number. */
  public static final Knob<Integer> DIGITS = Knob.between("digits", 1, 9, 3,
      "Most digits per number (keras-addition-rnn).");
  /** How deeply brackets nest. */
  public static final Knob<Integer> DEPTH = Knob.between("depth", 0, 3, 2,
      "Deepest bracket nesting (brackets).");
  /** Per-character accuracy at which training stops. */
  public static final Knob<Double> TARGET_ACCURACY = Knob.between("target-accuracy", 0.0, 1.0,
      0.99, "Stop once training and validation per-character accuracy reach this "
          + "(keras-addition-rnn; 0 trains every epoch).");
  /** Epochs without improvement before early stopping. */
  public static final Knob<Integer> PATIENCE = Knob.atLeast("patience", 0, 5,
      "EarlyStopping patience on val_loss (attention reversers).");

  private Knobs() {}
}
