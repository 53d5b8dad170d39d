"""Brownlee, "How to learn to add numbers with seq2seq recurrent neural networks", in Keras 3.

Recipes (same layers, loss, optimizer, epochs, batch sizes and data as the tutorial):

* ``addition-mlp``: Dense(4) -> Dense(2) -> Dense(1) on normalised terms, MSE, 50 epochs.
* ``addition-lstm``: LSTM(10) -> Dense(1) on normalised terms as 2 timesteps, 100 epochs, batch 1.
* ``addition-seq2seq``: LSTM(100) -> RepeatVector(2) -> LSTM(50, return_sequences)
  -> TimeDistributed(Dense(12, softmax)) on one-hot characters, 30 epochs of 1000 samples.

As in the tutorial, every outer epoch draws fresh samples with Python's ``random.randint`` and
fits one epoch on them. Each recipe is exported to ``<out>/<recipe>/`` with a parity.json.

    python brownlee_addition.py --out saved-models [--seed 1] [--only NAME] [--epochs N]
"""

import random
import time
from math import ceil, log10, sqrt

import parity_export as px
from parity_export import keras, np

ALPHABET = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', ' ']


# ---- the tutorial's data functions (mapping framing) ----

def random_sum_pairs_normalised(n_examples, n_numbers, largest):
    """random_sum_pairs() of the mapping part: terms and sums divided by largest * n_numbers."""
    X, y = list(), list()
    for _ in range(n_examples):
        in_pattern = [random.randint(1, largest) for _ in range(n_numbers)]
        X.append(in_pattern)
        y.append(sum(in_pattern))
    X, y = np.array(X), np.array(y)
    X = X.astype('float') / float(largest * n_numbers)
    y = y.astype('float') / float(largest * n_numbers)
    return X, y


def invert_value(value, n_numbers, largest):
    # float() keeps the tutorial's double arithmetic (numpy 2 would otherwise stay in float32).
    return round(float(value) * float(largest * n_numbers))


# ---- the tutorial's data functions (seq2seq framing) ----

def random_sum_pairs(n_examples, n_numbers, largest):
    X, y = list(), list()
    for _ in range(n_examples):
        in_pattern = [random.randint(1, largest) for _ in range(n_numbers)]
        X.append(in_pattern)
        y.append(sum(in_pattern))
    return X, y


def to_string(X, y, n_numbers, largest):
    max_length = n_numbers * ceil(log10(largest + 1)) + n_numbers - 1
    Xstr = list()
    for pattern in X:
        strp = '+'.join([str(n) for n in pattern])
        strp = ''.join([' ' for _ in range(max_length - len(strp))]) + strp
        Xstr.append(strp)
    max_length = ceil(log10(n_numbers * (largest + 1)))
    ystr = list()
    for pattern in y:
        strp = str(pattern)
        strp = ''.join([' ' for _ in range(max_length - len(strp))]) + strp
        ystr.append(strp)
    return Xstr, ystr


def integer_encode(X, y, alphabet):
    char_to_int = dict((c, i) for i, c in enumerate(alphabet))
    Xenc = [[char_to_int[char] for char in pattern] for pattern in X]
    yenc = [[char_to_int[char] for char in pattern] for pattern in y]
    return Xenc, yenc


def one_hot_encode(X, y, max_int):
    def encode(seqs):
        out = list()
        for seq in seqs:
            pattern = list()
            for index in seq:
                vector = [0 for _ in range(max_int)]
                vector[index] = 1
                pattern.append(vector)
            out.append(pattern)
        return out
    return encode(X), encode(y)


def generate_data(n_samples, n_numbers, largest, alphabet):
    X, y = random_sum_pairs(n_samples, n_numbers, largest)
    X, y = to_string(X, y, n_numbers, largest)
    X, y = integer_encode(X, y, alphabet)
    X, y = one_hot_encode(X, y, len(alphabet))
    return np.array(X), np.array(y)


def invert(seq, alphabet):
    int_to_char = dict((i, c) for i, c in enumerate(alphabet))
    return ''.join(int_to_char[int(np.argmax(pattern))] for pattern in seq)


# ---- recipes ----

def mapping_recipe(recipe, args):
    """addition-mlp and addition-lstm: the 'beginner's mistake' regression models."""
    px.seed_everything(args.seed)
    n_examples, n_numbers, largest = 100, 2, 100
    lstm = recipe == "addition-lstm"
    n_batch, n_epoch = (1, 100) if lstm else (2, 50)
    if args.epochs is not None:
        n_epoch = args.epochs
    layers = keras.layers
    if lstm:
        model = keras.Sequential([
            keras.Input(shape=(n_numbers, 1), name="input"),
            layers.LSTM(10, name="lstm"),
            layers.Dense(1, name="dense"),
        ], name="addition_lstm")
    else:
        model = keras.Sequential([
            keras.Input(shape=(n_numbers,), name="input"),
            layers.Dense(4, name="dense"),
            layers.Dense(2, name="dense_1"),
            layers.Dense(1, name="dense_2"),
        ], name="addition_mlp")
    model.compile(loss='mean_squared_error', optimizer='adam')

    def shaped(X):
        return X.reshape(len(X), n_numbers, 1) if lstm else X

    start = time.perf_counter()
    for _ in range(n_epoch):
        X, y = random_sum_pairs_normalised(n_examples, n_numbers, largest)
        history = model.fit(shaped(X), y, epochs=1, batch_size=n_batch, verbose=0)
    seconds = time.perf_counter() - start

    # Evaluation exactly as the tutorial: 100 new patterns, RMSE of inverted sums.
    random.seed(args.seed + px.EVAL_SEED_OFFSET)
    X, y = random_sum_pairs_normalised(n_examples, n_numbers, largest)
    result = model.predict(shaped(X), batch_size=n_batch, verbose=0)
    expected = [invert_value(v, n_numbers, largest) for v in y]
    predicted = [invert_value(v, n_numbers, largest) for v in result[:, 0]]
    rmse = sqrt(float(np.mean((np.array(expected) - np.array(predicted)) ** 2)))

    random.seed(args.seed + px.PROBE_SEED_OFFSET)
    probe_x, _ = random_sum_pairs_normalised(px.PROBE_ROWS, n_numbers, largest)
    training = {
        "loss": float(history.history["loss"][-1]),
        "epochs_run": n_epoch,
        "train_seconds": round(seconds, 3),
        "rmse": rmse,
    }
    evaluation = {
        "description": f"{n_examples} samples of random_sum_pairs({n_examples}, {n_numbers}, "
                       f"{largest}) (Python random.randint, normalised by largest*n_numbers) "
                       "after random.seed(seed); RMSE of the inverted (rounded) sums. "
                       f"Probes: {px.PROBE_ROWS} samples the same way with the probe seed.",
        "seed": args.seed + px.EVAL_SEED_OFFSET,
        "probe_seed": args.seed + px.PROBE_SEED_OFFSET,
        "n_examples": n_examples, "n_numbers": n_numbers, "largest": largest,
    }
    return px.export_with_parity(model, recipe, args.out, args.seed, shaped(probe_x),
                                 training, evaluation)


def seq2seq_recipe(recipe, args):
    """addition-seq2seq: the character-level encoder-decoder."""
    px.seed_everything(args.seed)
    n_samples, n_numbers, largest = 1000, 2, 10
    n_chars = len(ALPHABET)
    n_in_seq_length = n_numbers * ceil(log10(largest + 1)) + n_numbers - 1
    n_out_seq_length = ceil(log10(n_numbers * (largest + 1)))
    n_batch, n_epoch = 10, 30
    if args.epochs is not None:
        n_epoch = args.epochs
    layers = keras.layers
    model = keras.Sequential([
        keras.Input(shape=(n_in_seq_length, n_chars), name="input"),
        layers.LSTM(100, name="lstm"),
        layers.RepeatVector(n_out_seq_length, name="repeat_vector"),
        layers.LSTM(50, return_sequences=True, name="lstm_1"),
        layers.TimeDistributed(layers.Dense(n_chars, activation='softmax', name="dense"),
                               name="time_distributed"),
    ], name="addition_seq2seq")
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])

    start = time.perf_counter()
    for _ in range(n_epoch):
        X, y = generate_data(n_samples, n_numbers, largest, ALPHABET)
        history = model.fit(X, y, epochs=1, batch_size=n_batch, verbose=0)
    seconds = time.perf_counter() - start

    random.seed(args.seed + px.EVAL_SEED_OFFSET)
    X, y = generate_data(n_samples, n_numbers, largest, ALPHABET)
    result = model.predict(X, batch_size=n_batch, verbose=0)
    expected = [invert(x, ALPHABET) for x in y]
    predicted = [invert(x, ALPHABET) for x in result]
    exact = sum(e == p for e, p in zip(expected, predicted)) / len(expected)

    random.seed(args.seed + px.PROBE_SEED_OFFSET)
    probe_x, _ = generate_data(px.PROBE_ROWS, n_numbers, largest, ALPHABET)
    training = {
        "loss": float(history.history["loss"][-1]),
        "accuracy": float(history.history["accuracy"][-1]),
        "epochs_run": n_epoch,
        "train_seconds": round(seconds, 3),
        "exact_match_accuracy": exact,
    }
    evaluation = {
        "description": f"{n_samples} samples of generate_data({n_samples}, {n_numbers}, "
                       f"{largest}, alphabet) (Python random.randint, left-space-padded, "
                       "one-hot) after random.seed(seed); exact match of the decoded sum "
                       f"string. Probes: {px.PROBE_ROWS} samples the same way with the probe seed.",
        "seed": args.seed + px.EVAL_SEED_OFFSET,
        "probe_seed": args.seed + px.PROBE_SEED_OFFSET,
        "n_examples": n_samples, "n_numbers": n_numbers, "largest": largest,
        "alphabet": ''.join(ALPHABET),
    }
    return px.export_with_parity(model, recipe, args.out, args.seed, probe_x,
                                 training, evaluation)


RECIPES = {
    "addition-mlp": mapping_recipe,
    "addition-lstm": mapping_recipe,
    "addition-seq2seq": seq2seq_recipe,
}


def main():
    args = px.parse_args(__doc__.splitlines()[0], RECIPES)
    for recipe in args.recipes:
        px.report(RECIPES[recipe](recipe, args))


if __name__ == "__main__":
    main()
