"""Karakaya, "Seq2Seq Learning Part B: Using the LSTM layer", in Keras 3.

The reversed-sequence problem: X is n_timesteps random integers in 0..n_features-1, y is X
reversed, both one-hot. 2000 training and 200 test samples, 4 timesteps, 10 features, 16 LSTM
units; fit up to 100 epochs at batch 32 with EarlyStopping(val_loss, patience 5) on the test
set, categorical cross-entropy, adam, accuracy.

Recipes: the MLP baseline of Part A and the four ways of wiring LSTMs of Part B
(``reverse-mlp``, ``reverse-lstm-default``, ``reverse-lstm-stacked``,
``reverse-return-sequences``, ``reverse-return-state``, ``reverse-return-sequences-state``).
Each is exported to ``<out>/<recipe>/`` with a parity.json.

    python karakaya_reverse.py --out saved-models [--seed 1] [--only NAME] [--epochs N]
"""

import time

import parity_export as px
from parity_export import keras, np

N_TIMESTEPS = 4
N_FEATURES = 10
UNITS = 16
TRAIN_SIZE = 2000
TEST_SIZE = 200
EPOCHS = 100
BATCH_SIZE = 32
PATIENCE = 5


# ---- the tutorial's data generator ----

def one_hot_encode(sequence, n_features):
    encoding = np.zeros((len(sequence), n_features), dtype=np.float32)
    encoding[np.arange(len(sequence)), sequence] = 1.0
    return encoding


def get_reversed_pairs(n_timesteps, n_features):
    sequence = np.random.randint(0, n_features, size=n_timesteps)
    return one_hot_encode(sequence, n_features), one_hot_encode(sequence[::-1], n_features)


def create_dataset(n_samples, n_timesteps, n_features):
    pairs = [get_reversed_pairs(n_timesteps, n_features) for _ in range(n_samples)]
    X = np.stack([p[0] for p in pairs])
    y = np.stack([p[1] for p in pairs])
    return X, y


# ---- the models (layers named as Keras would name them in a fresh Python process) ----

def build(recipe):
    L = keras.layers
    shape = (N_TIMESTEPS, N_FEATURES)

    def softmax_dense(name="dense"):
        return L.Dense(N_FEATURES, activation='softmax', name=name)

    if recipe == "reverse-mlp":
        return keras.Sequential([
            keras.Input(shape=shape, name="input"),
            L.Flatten(name="flatten"),
            L.Dense(64, activation='relu', name="dense"),
            L.Dense(N_TIMESTEPS * N_FEATURES, activation='relu', name="dense_1"),
            L.Reshape(shape, name="reshape"),
            softmax_dense("dense_2"),
        ], name="model_MLP")
    if recipe == "reverse-lstm-default":
        return keras.Sequential([
            keras.Input(shape=shape, name="input"),
            L.LSTM(UNITS, name="lstm"),
            L.RepeatVector(N_TIMESTEPS, name="repeat_vector"),
            softmax_dense(),
        ], name="model_Single_LSTM_default_output")
    if recipe == "reverse-lstm-stacked":
        return keras.Sequential([
            keras.Input(shape=shape, name="input"),
            L.LSTM(UNITS, name="lstm"),
            L.RepeatVector(N_TIMESTEPS, name="repeat_vector"),
            L.LSTM(UNITS, name="lstm_1"),
            L.RepeatVector(N_TIMESTEPS, name="repeat_vector_1"),
            softmax_dense(),
        ], name="model_LSTM_default_output")
    if recipe == "reverse-return-sequences":
        return keras.Sequential([
            keras.Input(shape=shape, name="input"),
            L.LSTM(UNITS, return_sequences=True, name="lstm"),
            L.LSTM(UNITS, return_sequences=True, name="lstm_1"),
            L.TimeDistributed(softmax_dense(), name="time_distributed"),
        ], name="model_LSTM_return_sequences")
    if recipe == "reverse-return-state":
        inp = keras.Input(shape=shape, name="input")
        lstm_output, state_h, state_c = L.LSTM(UNITS, return_state=True, name="lstm")(inp)
        repeated = L.RepeatVector(N_TIMESTEPS, name="repeat_vector")(lstm_output)
        all_state_h = L.LSTM(UNITS, return_sequences=True, name="lstm_1")(
            repeated, initial_state=[state_h, state_c])
        output = L.TimeDistributed(softmax_dense(), name="time_distributed")(all_state_h)
        return keras.Model(inp, output, name="model_LSTM_return_state")
    if recipe == "reverse-return-sequences-state":
        inp = keras.Input(shape=shape, name="input")
        all_state_h, state_h, state_c = L.LSTM(
            UNITS, return_sequences=True, return_state=True, name="lstm")(inp)
        all_state_h = L.LSTM(UNITS, return_sequences=True, name="lstm_1")(
            all_state_h, initial_state=[state_h, state_c])
        output = L.TimeDistributed(softmax_dense(), name="time_distributed")(all_state_h)
        return keras.Model(inp, output, name="model_LSTM_all_state_h_return_state")
    raise ValueError(recipe)


RECIPES = [
    "reverse-mlp",
    "reverse-lstm-default",
    "reverse-lstm-stacked",
    "reverse-return-sequences",
    "reverse-return-state",
    "reverse-return-sequences-state",
]


def run(recipe, args):
    px.seed_everything(args.seed)
    # The data is drawn first, right after seeding, so every recipe sees the same sets.
    X_train, y_train = create_dataset(TRAIN_SIZE, N_TIMESTEPS, N_FEATURES)
    X_test, y_test = create_dataset(TEST_SIZE, N_TIMESTEPS, N_FEATURES)

    model = build(recipe)
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
    es = keras.callbacks.EarlyStopping(monitor='val_loss', mode='min', patience=PATIENCE)
    epochs = EPOCHS if args.epochs is None else args.epochs
    start = time.perf_counter()
    history = model.fit(X_train, y_train, validation_data=(X_test, y_test), epochs=epochs,
                        batch_size=BATCH_SIZE, verbose=0, callbacks=[es])
    seconds = time.perf_counter() - start

    pred = np.argmax(model.predict(X_test, verbose=0), axis=-1)
    truth = np.argmax(y_test, axis=-1)
    per_position = float(np.mean(pred == truth))
    whole = float(np.mean(np.all(pred == truth, axis=-1)))
    train_pred = np.argmax(model.predict(X_train, verbose=0), axis=-1)
    train_accuracy = float(np.mean(train_pred == np.argmax(y_train, axis=-1)))

    np.random.seed(args.seed + px.PROBE_SEED_OFFSET)
    probe_x, _ = create_dataset(px.PROBE_ROWS, N_TIMESTEPS, N_FEATURES)
    training = {
        "loss": float(history.history["loss"][-1]),
        "val_loss": float(history.history["val_loss"][-1]),
        "accuracy": float(history.history["accuracy"][-1]),
        "epochs_run": len(history.history["loss"]),
        "train_seconds": round(seconds, 3),
        "train_accuracy": train_accuracy,
        "test_accuracy": per_position,
        "exact_match_accuracy": whole,
    }
    evaluation = {
        "description": f"The tutorial's test set: {TEST_SIZE} samples drawn with "
                       f"numpy.random.randint right after the {TRAIN_SIZE} training samples, "
                       "following keras.utils.set_random_seed(seed); test_accuracy is "
                       "per-position argmax accuracy, exact_match_accuracy whole sequences. "
                       f"Probes: {px.PROBE_ROWS} samples the same way after "
                       "numpy.random.seed(probe_seed).",
        "seed": args.seed,
        "probe_seed": args.seed + px.PROBE_SEED_OFFSET,
        "n_timesteps": N_TIMESTEPS, "n_features": N_FEATURES,
        "train_size": TRAIN_SIZE, "test_size": TEST_SIZE,
    }
    return px.export_with_parity(model, recipe, args.out, args.seed, probe_x,
                                 training, evaluation)


def main():
    args = px.parse_args(__doc__.splitlines()[0], RECIPES)
    for recipe in args.recipes:
        px.report(run(recipe, args))


if __name__ == "__main__":
    main()
