"""Keras's own ``addition_rnn`` example (keras-io, examples/nlp/addition_rnn.py), for timing.

The example as Keras writes it: 50,000 different questions ``a+b`` with terms of one to DIGITS
random digits, questions padded on the right to MAXLEN = DIGITS + 1 + DIGITS and reversed,
answers padded on the right to DIGITS + 1, one-hot over the sorted characters ``" +0123456789"``;
shuffled, the last tenth held out for validation; LSTM(128) -> RepeatVector(DIGITS + 1) ->
LSTM(128, return_sequences=True) -> Dense(len(chars), softmax); adam, categorical_crossentropy,
batch 32, one ``fit`` per iteration followed by ten example predictions.

Two changes, both to compare with ``seq2seq4j train keras-addition-rnn``: the seeds are set, and
the loop stops after the first iteration whose training and validation accuracy both reach
``--target`` (the example documents 99 % for three digits reversed "in 100 epochs"; its code
runs 29 iterations). It reports the iterations needed, the time spent in ``fit`` (training and
validation, as the Java timer counts) and the exact-match accuracy on the validation questions.

    python keras_addition_rnn.py [--seed 1] [--epochs 100] [--target 0.99] [--json]
"""

import argparse
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


class CharacterTable:
    """The example's encoder and decoder of one-hot characters."""

    def __init__(self, chars):
        self.chars = sorted(set(chars))
        self.char_indices = dict((c, i) for i, c in enumerate(self.chars))
        self.indices_char = dict((i, c) for i, c in enumerate(self.chars))

    def encode(self, C, num_rows):
        x = np.zeros((num_rows, len(self.chars)))
        for i, c in enumerate(C):
            x[i, self.char_indices[c]] = 1
        return x

    def decode(self, x, calc_argmax=True):
        if calc_argmax:
            x = x.argmax(axis=-1)
        return "".join(self.indices_char[x] for x in x)


def questions(training_size, digits, reverse):
    """The example's data: distinct questions, counting a+b and b+a as one."""
    maxlen = digits + 1 + digits
    qs, expected, seen = [], [], set()
    while len(qs) < training_size:
        f = lambda: int("".join(np.random.choice(list("0123456789"))  # noqa: E731
                                for i in range(np.random.randint(1, digits + 1))))
        a, b = f(), f()
        key = tuple(sorted((a, b)))
        if key in seen:
            continue
        seen.add(key)
        q = "{}+{}".format(a, b)
        query = q + " " * (maxlen - len(q))
        ans = str(a + b)
        ans += " " * (digits + 1 - len(ans))
        if reverse:
            query = query[::-1]
        qs.append(query)
        expected.append(ans)
    return qs, expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=100, help="most iterations (default 100)")
    parser.add_argument("--target", type=float, default=0.99,
                        help="stop once train and validation accuracy reach it (0: never)")
    parser.add_argument("--digits", type=int, default=3)
    parser.add_argument("--samples", type=int, default=50000)
    parser.add_argument("--json", action="store_true", help="end with one line of JSON")
    args = parser.parse_args()
    result = train(args.seed, args.epochs, args.target, args.digits, args.samples)
    print()
    print("iterations run: %d, target %s, fit seconds %.1f, exact-match on %d validation "
          "questions %.4f" % (result["epochs_run"],
                              "reached" if result["epochs_to_target"] else "not reached",
                              result["fit_seconds"], result["validation_questions"],
                              result["exact_match_accuracy"]))
    if args.json:
        print(json.dumps(result))


def train(seed, epochs, target, digits, samples, verbose=True):
    """Runs the example and returns what --json prints; verbose=False prints nothing
    (bench_keras.py times it that way)."""
    keras.utils.set_random_seed(seed)
    reverse, maxlen = True, digits * 2 + 1
    chars = "0123456789+ "
    ctable = CharacterTable(chars)
    qs, expected = questions(samples, digits, reverse)

    x = np.zeros((len(qs), maxlen, len(chars)), dtype=bool)
    y = np.zeros((len(qs), digits + 1, len(chars)), dtype=bool)
    for i, sentence in enumerate(qs):
        x[i] = ctable.encode(sentence, maxlen)
    for i, sentence in enumerate(expected):
        y[i] = ctable.encode(sentence, digits + 1)
    indices = np.arange(len(y))
    np.random.shuffle(indices)
    x, y = x[indices], y[indices]
    split_at = len(x) - len(x) // 10
    (x_train, x_val), (y_train, y_val) = (x[:split_at], x[split_at:]), (y[:split_at], y[split_at:])

    model = keras.Sequential()
    model.add(layers.Input((maxlen, len(chars))))
    model.add(layers.LSTM(128))
    model.add(layers.RepeatVector(digits + 1))
    model.add(layers.LSTM(128, return_sequences=True))
    model.add(layers.Dense(len(chars), activation="softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    if verbose:
        model.summary()

    fit_seconds, reached, history = 0.0, None, None
    for epoch in range(1, epochs + 1):
        if verbose:
            print()
            print("Iteration", epoch)
        start = time.perf_counter()
        history = model.fit(x_train, y_train, batch_size=32, epochs=1,
                            validation_data=(x_val, y_val), verbose=1 if verbose else 0)
        fit_seconds += time.perf_counter() - start
        # The example's ten sample answers; made even when not printed, as they draw from
        # NumPy's generator and so shape the runs that follow.
        for i in range(10):
            ind = np.random.randint(0, len(x_val))
            rowx, rowy = x_val[np.array([ind])], y_val[np.array([ind])]
            preds = np.argmax(model.predict(rowx, verbose=0), axis=-1)
            q = ctable.decode(rowx[0])
            correct = ctable.decode(rowy[0])
            guess = ctable.decode(preds[0], calc_argmax=False)
            if verbose:
                print("Q", q[::-1] if reverse else q, end=" ")
                print("T", correct, end=" ")
                print("ok " + guess if correct == guess else "no " + guess)
        logs = history.history
        if target > 0 and logs["accuracy"][-1] >= target \
                and logs["val_accuracy"][-1] >= target:
            reached = epoch
            break

    guesses = np.argmax(model.predict(x_val, batch_size=256, verbose=0), axis=-1)
    truth = np.argmax(y_val, axis=-1)
    exact = float(np.mean(np.all(guesses == truth, axis=-1)))
    logs = history.history
    return {"example": "keras addition_rnn", "seed": seed, "epochs_run": epoch,
            "epochs_to_target": reached, "fit_seconds": round(fit_seconds, 3),
            "exact_match_accuracy": exact, "validation_questions": len(x_val),
            "accuracy": logs["accuracy"][-1], "val_accuracy": logs["val_accuracy"][-1]}


if __name__ == "__main__":
    main()
