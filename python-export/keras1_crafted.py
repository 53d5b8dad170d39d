"""A crafted Keras 1.2.2 file for the recurrent layouts the Deeplearning4j files lack.

    python keras1_crafted.py [--out src/test/resources/keras1] [--seed 1]

Keras 1 is not installable for a current Python, and Deeplearning4j's Keras 1 test files hold
LSTMs saved with ``consume_less='cpu'`` (per-gate weights) only. This script writes, with
h5py, the file Keras 1.2.2's ``model.save`` would write for

    Sequential([GRU(4, return_sequences=True, consume_less='cpu', input_shape=(5, 3)),
                LSTM(4, return_sequences=True, consume_less='gpu'),
                TimeDistributed(Dense(2, activation='softmax'))])

with seeded weights: root attributes ``keras_version`` and ``model_config`` (Keras 1 JSON: a
Sequential config is the list of layers), ``model_weights/layer_names``, and per layer a group
whose ``weight_names`` list the weights in the order Keras 1 kept them: the GRU's nine per-gate
``W_z, U_z, b_z, W_r, U_r, b_r, W_h, U_h, b_h``, the ``consume_less='gpu'`` LSTM's three fused
``W, U, b`` (gates i, f, c, o), the wrapped Dense's ``W, b``.

It is crafted, not saved by Keras 1. The reference outputs beside it (``<stem>.parity.json``) are
tf_keras's predictions for the equivalent Keras 2 layers after tf_keras's legacy loader
(``load_weights``, which converts Keras 1 weights itself) read the file, never seq2seq4j's. As a
check of the crafting, Keras 1's own equations evaluated here in float64 numpy from the stored
weights (the GRU applies the reset gate before ``U_h``; ``hard_sigmoid`` is
clip(0.2 x + 0.5, 0, 1)) must agree with them to within 1e-6.
"""

import argparse
import json
import os
import sys

import numpy as np

import reference_outputs as ro

STEPS, FEATURES, UNITS, CLASSES, ROWS = 5, 3, 4, 2, 8
STEM = "crafted_gru_lstm_timedistributed_keras_1"


def hard_sigmoid(x):
    return np.clip(0.2 * x + 0.5, 0.0, 1.0)


def recurrent_config(cls, name, consume_less, extra):
    config = {"name": name, "trainable": True, "return_sequences": True, "go_backwards": False,
              "stateful": False, "unroll": False, "consume_less": consume_less,
              "input_dim": None, "input_length": None, "output_dim": UNITS,
              "init": "glorot_uniform", "inner_init": "orthogonal", "activation": "tanh",
              "inner_activation": "hard_sigmoid", "W_regularizer": None, "U_regularizer": None,
              "b_regularizer": None, "dropout_W": 0.0, "dropout_U": 0.0}
    config.update(extra)
    return {"class_name": cls, "config": config}


def model_config():
    gru = recurrent_config("GRU", "gru_1", "cpu", {
        "batch_input_shape": [None, STEPS, FEATURES], "input_dtype": "float32",
        "input_dim": FEATURES})
    lstm = recurrent_config("LSTM", "lstm_1", "gpu", {"forget_bias_init": "one"})
    dense = {"class_name": "Dense", "config": {
        "name": "dense_1", "trainable": True, "output_dim": CLASSES, "init": "glorot_uniform",
        "activation": "softmax", "W_regularizer": None, "b_regularizer": None,
        "activity_regularizer": None, "W_constraint": None, "b_constraint": None,
        "bias": True, "input_dim": None}}
    td = {"class_name": "TimeDistributed",
          "config": {"name": "timedistributed_1", "trainable": True, "layer": dense}}
    return {"class_name": "Sequential", "config": [gru, lstm, td]}


def weights(rng):
    def w(*shape):
        return (rng.standard_normal(shape) * 0.5).astype(np.float32)
    gru = {}
    for gate in "zrh":
        gru[f"W_{gate}"] = w(FEATURES, UNITS)
        gru[f"U_{gate}"] = w(UNITS, UNITS)
        gru[f"b_{gate}"] = w(UNITS)
    lstm = {"W": w(UNITS, 4 * UNITS), "U": w(UNITS, 4 * UNITS), "b": w(4 * UNITS)}
    dense = {"W": w(UNITS, CLASSES), "b": w(CLASSES)}
    return gru, lstm, dense


def write_file(path, gru, lstm, dense):
    import h5py
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = np.bytes_("1.2.2")
        f.attrs["model_config"] = np.bytes_(json.dumps(model_config()))
        mw = f.create_group("model_weights")
        mw.attrs["layer_names"] = [np.bytes_(n) for n in ("gru_1", "lstm_1", "timedistributed_1")]
        layers = {
            "gru_1": [(f"gru_1_{k}_{g}", gru[f"{k}_{g}"]) for g in "zrh" for k in "WUb"],
            "lstm_1": [(f"lstm_1_{k}", lstm[k]) for k in "WUb"],
            "timedistributed_1": [(f"dense_1_{k}", dense[k]) for k in "Wb"],
        }
        for layer, items in layers.items():
            g = mw.create_group(layer)
            g.attrs["weight_names"] = [np.bytes_(n) for n, _ in items]
            for n, value in items:
                g.create_dataset(n, data=value)


def keras1_outputs(x, gru, lstm, dense):
    """Keras 1.2.2's forward pass in float64: GRU (consume_less cpu), LSTM (gpu), Dense."""
    x = x.astype(np.float64)
    p = {k: v.astype(np.float64) for k, v in gru.items()}
    h = np.zeros((x.shape[0], UNITS))
    gru_out = []
    for t in range(STEPS):
        xt = x[:, t]
        z = hard_sigmoid(xt @ p["W_z"] + p["b_z"] + h @ p["U_z"])
        r = hard_sigmoid(xt @ p["W_r"] + p["b_r"] + h @ p["U_r"])
        hh = np.tanh(xt @ p["W_h"] + p["b_h"] + (r * h) @ p["U_h"])
        h = z * h + (1 - z) * hh
        gru_out.append(h)
    W, U, b = (lstm[k].astype(np.float64) for k in "WUb")
    h = np.zeros((x.shape[0], UNITS))
    c = np.zeros_like(h)
    lstm_out = []
    for t in range(STEPS):
        z = gru_out[t] @ W + h @ U + b
        i = hard_sigmoid(z[:, :UNITS])
        f = hard_sigmoid(z[:, UNITS:2 * UNITS])
        c = f * c + i * np.tanh(z[:, 2 * UNITS:3 * UNITS])
        o = hard_sigmoid(z[:, 3 * UNITS:])
        h = o * np.tanh(c)
        lstm_out.append(h)
    logits = np.stack(lstm_out, axis=1) @ dense["W"].astype(np.float64) + dense["b"]
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def tf_keras_outputs(path, x):
    keras = ro.use_keras(True)
    L = keras.layers
    model = keras.Sequential([
        keras.Input((STEPS, FEATURES)),
        L.GRU(UNITS, return_sequences=True, recurrent_activation="hard_sigmoid",
              reset_after=False),
        L.LSTM(UNITS, return_sequences=True, recurrent_activation="hard_sigmoid"),
        L.TimeDistributed(L.Dense(CLASSES, activation="softmax"))])
    model.load_weights(path)
    return model.predict(x, verbose=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/test/resources/keras1")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    gru, lstm, dense = weights(rng)
    path = os.path.join(args.out, STEM + ".h5")
    write_file(path, gru, lstm, dense)
    x = rng.uniform(-1, 1, size=(ROWS, STEPS, FEATURES)).astype(np.float32)
    expected = tf_keras_outputs(path, x)
    check = float(np.max(np.abs(keras1_outputs(x, gru, lstm, dense) - expected)))
    if check > 1e-6:
        print(f"error: Keras 1's equations differ from tf_keras's loader by {check:.3e}",
              file=sys.stderr)
        return 1
    parity = {
        "recipe": STEM, "seed": args.seed, "source": STEM + ".h5",
        "versions": ro.versions(), "saving_keras_version": "1.2.2 (layout crafted with h5py)",
        "model_config": model_config(),
        "probes": {"inputs": {"gru_1_input": ro.tensor_json(x)},
                   "outputs": {"output_0": ro.tensor_json(expected)}},
        "reference": "Probe outputs are tf_keras's predictions after its legacy loader read the "
                     "file's Keras 1 weights (load_weights); Keras 1.2.2's equations in float64 "
                     f"numpy (keras1_crafted.py) agree to {check:.1e}.",
    }
    ro.write(parity, os.path.join(args.out, STEM + ".parity.json"))
    print(f"{path}: written; tf_keras load_weights reference vs Keras 1 equations: {check:.3e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
