"""Keras references for the Deeplearning4j test files under src/test/resources/dl4j/.

Run with the Keras 2 venv (tensorflow-cpu 2.18 + tf_keras 2.18, see requirements-keras2.txt):

    python dl4j_references.py [DIR] [--rows 8] [--seed 1] [--check-only]

DIR (default ``src/test/resources/dl4j``) holds model files copied unchanged from
Deeplearning4j's test resources (see its NOTICE). Some of them come with the predictions the
saving Keras recorded (``<case>_inputs_and_outputs.h5``, group ``predictions``); those are the
references and nothing is written for them. For every other model file this writes
``<stem>.parity.json`` beside it with tf_keras's predictions:

* a Keras 2 file is loaded with ``tf_keras.models.load_model(compile=False)``;
* a Keras 1 file (``keras_version`` 1.x, which tf_keras cannot load as a model) is rebuilt
  from the layers its Keras 1 config names (``keras1_model`` below: only the options these
  files use, anything else stops the script) and its weights are loaded with tf_keras's
  ``load_weights``, whose legacy loader converts Keras 1's per-gate weights itself
  (``preprocess_weights_for_loading``). Keras 1 and 2 compute the same LSTM, SimpleRNN and
  ``hard_sigmoid`` (clip(0.2 x + 0.5, 0, 1)).

Probe inputs are the file's recorded inputs where DL4J stored some, otherwise seeded
reference_outputs.py probes. For files with recorded predictions the script checks that the
same tf_keras path reproduces them and prints the largest difference, so both kinds of
reference can be compared.
"""

import argparse
import glob
import json
import os
import sys

import reference_outputs as ro

keras = ro.use_keras(True)

import h5py  # noqa: E402
import numpy as np  # noqa: E402

KERAS1_REFERENCE = (
    "Probe outputs are tf_keras's predictions (inference mode) for the Keras 2 layers this "
    "Keras 1 config names, with the file's weights loaded by tf_keras's own legacy loader "
    "(load_weights, which converts Keras 1's per-gate weights).")
INPUTS_AND_OUTPUTS = "_inputs_and_outputs.h5"


def attr_text(attrs, key):
    value = attrs.get(key)
    return value.decode("utf-8") if isinstance(value, bytes) else value


def keras_version(path):
    with h5py.File(path, "r") as f:
        return attr_text(f.attrs, "keras_version") or "1"


def stored_config(path):
    with h5py.File(path, "r") as f:
        return json.loads(attr_text(f.attrs, "model_config"))


# ---- Keras 1 configs as Keras 2 layers ----

# Keys that either mean nothing at inference (initialisers, regularizers, dropout rates,
# consume_less, which only chose how Keras 1 laid out the same maths) or are read below.
KERAS1_NEUTRAL = {
    "name", "trainable", "batch_input_shape", "input_dtype", "input_dim", "input_length",
    "init", "inner_init", "forget_bias_init", "W_regularizer", "U_regularizer",
    "b_regularizer", "activity_regularizer", "W_constraint", "U_constraint", "b_constraint",
    "dropout_W", "dropout_U", "dropout", "consume_less", "unroll",
}


def check_keys(cls, config, used):
    unknown = set(config) - KERAS1_NEUTRAL - set(used)
    if unknown:
        raise SystemExit(f"error: Keras 1 {cls} '{config.get('name')}' has keys this script does "
                         f"not translate: {sorted(unknown)}")
    if config.get("stateful"):
        raise SystemExit(f"error: Keras 1 {cls} '{config.get('name')}' is stateful")


def keras1_layer(obj):
    cls, c = obj["class_name"], obj["config"]
    L = keras.layers
    recurrent = ("return_sequences", "go_backwards", "stateful", "activation", "output_dim")
    if cls == "LSTM":
        check_keys(cls, c, recurrent + ("inner_activation",))
        return L.LSTM(c["output_dim"], activation=c["activation"],
                      recurrent_activation=c["inner_activation"],
                      return_sequences=c["return_sequences"], go_backwards=c["go_backwards"],
                      name=c["name"])
    if cls == "SimpleRNN":
        check_keys(cls, c, recurrent)
        return L.SimpleRNN(c["output_dim"], activation=c["activation"],
                           return_sequences=c["return_sequences"],
                           go_backwards=c["go_backwards"], name=c["name"])
    if cls == "Dense":
        check_keys(cls, c, ("output_dim", "activation", "bias"))
        return L.Dense(c["output_dim"], activation=c["activation"], use_bias=c["bias"],
                       name=c["name"])
    if cls == "Embedding":
        check_keys(cls, c, ("output_dim", "mask_zero"))
        return L.Embedding(c["input_dim"], c["output_dim"], mask_zero=c["mask_zero"],
                           name=c["name"])
    if cls == "Bidirectional":
        check_keys(cls, c, ("layer", "merge_mode"))
        return L.Bidirectional(keras1_layer(c["layer"]), merge_mode=c["merge_mode"],
                               name=c["name"])
    raise SystemExit(f"error: this script does not translate Keras 1 {cls}")


def keras1_model(config):
    if config["class_name"] != "Sequential" or not isinstance(config["config"], list):
        raise SystemExit("error: only Keras 1 Sequential configs are translated")
    layers = config["config"]
    first = layers[0]["config"]
    dtype = first.get("input_dtype", "float32")
    # Named as Keras's Sequential.add names the Input it creates for a first layer.
    model = keras.Sequential([keras.Input(batch_shape=first["batch_input_shape"], dtype=dtype,
                                          name=first["name"] + "_input")]
                             + [keras1_layer(obj) for obj in layers])
    return model


def load(path):
    if keras_version(path).startswith("1"):
        model = keras1_model(stored_config(path))
        model.load_weights(path)
        return model
    return ro.load(path)


# ---- references ----

def recorded(path):
    """The DL4J inputs (by name) and Keras's predictions (or None) beside a model file."""
    stem = path[:-len("_model.h5")] if path.endswith("_model.h5") else None
    io_file = stem + INPUTS_AND_OUTPUTS if stem else None
    if not io_file or not os.path.isfile(io_file):
        return None, None
    with h5py.File(io_file, "r") as f:
        inputs = {k: f["inputs"][k][()] for k in json.loads(attr_text(f.attrs, "inputs"))["inputs"]}
        if "predictions" not in f:
            return inputs, None
        names = json.loads(attr_text(f.attrs, "outputs"))["outputs"]
        return inputs, [f["predictions"][k][()] for k in names]


def model_files(root):
    for path in sorted(glob.glob(os.path.join(root, "**", "*.h5"), recursive=True)):
        name = os.path.basename(path)
        if name.endswith(INPUTS_AND_OUTPUTS) or name.endswith("_weights.h5"):
            continue
        yield path


def reference(path, rows, seed, check_only):
    model = load(path)
    inputs, predictions = recorded(path)
    rel = os.path.relpath(path)
    if predictions is not None:
        got = ro.predict(model, inputs)
        err = max(float(np.max(np.abs(g - p))) for g, p in zip(got, predictions))
        print(f"{rel}: Keras {keras_version(path)} recorded predictions; tf_keras "
              f"{keras.__version__} on the recorded inputs differs by {err:.3e} (not written)")
        return
    if check_only:
        print(f"{rel}: no recorded predictions; would write {ro.default_out(path)}")
        return
    parity = ro.reference_parity(path, rows, seed, model=model)
    if inputs is not None:
        # Keras recorded the inputs but not its predictions: probe with those inputs.
        names = [ro._history_layer(t).name for t in model.inputs]
        probes = dict(zip(names, inputs.values()))
        parity["probes"] = ro.probes_json(probes, ro.predict(model, probes))
        parity["probe_source"] = os.path.basename(path[:-len("_model.h5")] + INPUTS_AND_OUTPUTS)
    parity["saving_keras_version"] = keras_version(path)
    if keras_version(path).startswith("1"):
        parity["reference"] = KERAS1_REFERENCE
    out = ro.default_out(path)
    ro.write(parity, out)
    shapes = {k: v["shape"] for k, v in parity["probes"]["outputs"].items()}
    print(f"{rel}: wrote {os.path.relpath(out)} ({ro.KERAS_API} {keras.__version__}, "
          f"outputs {shapes})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", default="src/test/resources/dl4j")
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check-only", action="store_true",
                        help="compare with recorded predictions only; write nothing")
    args = parser.parse_args()
    if not os.path.isdir(args.dir):
        print(f"error: no such folder {args.dir}", file=sys.stderr)
        return 2
    for path in model_files(args.dir):
        reference(path, args.rows, args.seed, args.check_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
