"""Keras 2 files with CuDNNLSTM and CuDNNGRU layers, and tf_keras's references for them.

    python cudnn_files.py [--out src/test/resources/cudnn] [--rows 8] [--seed 1]

Run with the Keras 2 venv (tf_keras, see requirements-keras2.txt). Keras 2's cuDNN layers run
only on a GPU, but tf_keras builds and saves them on a CPU; this script saves, with seeded
weights (non-zero biases, input width unlike the unit count so that a misplaced transpose
shows),

* ``cudnn_lstm_gru.h5``: CuDNNLSTM(4, return_sequences=True) -> CuDNNGRU(3) -> Dense(2);
* ``bidirectional_cudnn.h5``: Bidirectional(CuDNNLSTM(3, return_sequences=True)) ->
  Bidirectional(CuDNNGRU(2), merge_mode='sum').

The references (``<stem>.parity.json``) are what Keras 2 itself offers for running such a file
without a GPU: the same config with each cuDNN layer replaced by the layer it computes
(``LSTM(recurrent_activation='sigmoid')``, ``GRU(recurrent_activation='sigmoid',
reset_after=True)``), the file's weights read by tf_keras's ``load_weights``, whose legacy
loader converts cuDNN weights (``_convert_rnn_weights``), and ``predict``.
"""

import argparse
import json
import os
import sys

import reference_outputs as ro

keras = ro.use_keras(True)

import numpy as np  # noqa: E402
from tf_keras.src.layers.rnn.cudnn_gru import CuDNNGRU  # noqa: E402
from tf_keras.src.layers.rnn.cudnn_lstm import CuDNNLSTM  # noqa: E402

CUDNN_REFERENCE = (
    "Probe outputs are tf_keras's predictions for this config with each cuDNN layer replaced by "
    "the layer it computes (CuDNNLSTM: LSTM(recurrent_activation='sigmoid'); CuDNNGRU: "
    "GRU(recurrent_activation='sigmoid', reset_after=True)), the file's weights read by "
    "tf_keras's load_weights, which converts cuDNN weights itself.")

# What each cuDNN layer computes, as the options of the plain layer.
EQUIVALENT = {
    "CuDNNLSTM": ("LSTM", {"activation": "tanh", "recurrent_activation": "sigmoid",
                           "use_bias": True}),
    "CuDNNGRU": ("GRU", {"activation": "tanh", "recurrent_activation": "sigmoid",
                         "use_bias": True, "reset_after": True}),
}


def models():
    L = keras.layers
    yield "cudnn_lstm_gru", keras.Sequential([
        keras.Input((5, 3)), CuDNNLSTM(4, return_sequences=True), CuDNNGRU(3),
        L.Dense(2)])
    inputs = keras.Input((None, 5))
    x = L.Bidirectional(CuDNNLSTM(3, return_sequences=True))(inputs)
    x = L.Bidirectional(CuDNNGRU(2), merge_mode="sum")(x)
    yield "bidirectional_cudnn", keras.Model(inputs, x)


def seeded_weights(model, rng):
    model.set_weights([(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
                       for w in model.get_weights()])


def equivalent(node):
    """The config with every cuDNN layer replaced by the plain layer it computes."""
    if isinstance(node, list):
        return [equivalent(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: equivalent(v) for k, v in node.items()}
    if out.get("class_name") in EQUIVALENT:
        cls, options = EQUIVALENT[out["class_name"]]
        out["class_name"] = cls
        out["config"] = dict(out["config"], **options)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="src/test/resources/cudnn")
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    for stem, model in models():
        seeded_weights(model, rng)
        path = os.path.join(args.out, stem + ".h5")
        model.save(path)
        plain = keras.models.model_from_json(json.dumps(equivalent(ro.stored_config(path))))
        plain.load_weights(path)
        parity = ro.reference_parity(path, args.rows, args.seed, model=plain)
        parity["reference"] = CUDNN_REFERENCE
        ro.write(parity, ro.default_out(path))
        print(f"{path}: written with {ro.default_out(path)} (tf_keras {keras.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
