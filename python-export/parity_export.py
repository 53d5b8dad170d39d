"""Shared helpers for the tutorial export scripts.

Each tutorial script trains its Keras models, then calls :func:`export_with_parity`, which

* exports the model with Keras 3 ``model.export(dir)`` (inference graph only, no optimizer
  state) into ``<out>/<recipe>/``;
* reloads that SavedModel with ``tf.saved_model.load`` and reads the real input and output
  names, dtypes and shapes of its ``serving_default`` signature;
* feeds the probe inputs through the *reloaded* signature, so the recorded outputs are exactly
  what the SavedModel computes (the Java side must reproduce them to 1e-5);
* writes ``<out>/<recipe>/parity.json`` beside the SavedModel.
"""

import argparse
import contextlib
import io
import json
import os
import platform
import random
import shutil
import sys

# Quiet TensorFlow and keep it off any GPU before it is imported: an LSTM exported on a GPU
# host may hold only CudnnRNN ops, which have no CPU kernel.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

SIGNATURE = "serving_default"
PROBE_ROWS = 32
# Probe and evaluation sets are drawn with seeds derived from the run seed, so that they do
# not depend on how much randomness training consumed.
PROBE_SEED_OFFSET = 1000
EVAL_SEED_OFFSET = 2000


def parse_args(description, recipes):
    """Common command line: --out, --seed, --only, --epochs."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", default="saved-models",
                        help="folder that receives one sub-folder per recipe")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--only", action="append", choices=sorted(recipes),
                        help="export only this recipe (repeatable)")
    parser.add_argument("--epochs", type=int, default=None,
                        help="override the tutorial's number of epochs (for quick checks)")
    args = parser.parse_args()
    args.recipes = args.only or list(recipes)
    return args


def seed_everything(seed):
    """Seeds Python's random (the Brownlee generator), numpy (Karakaya) and TensorFlow."""
    keras.utils.set_random_seed(seed)
    random.seed(seed)
    # Deterministic kernels make a rerun with the same seed give the same weights.
    tf.config.experimental.enable_op_determinism()


def versions():
    return {
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
    }


def weight_table(model):
    """One row per model weight, in ``model.weights`` order, with the layer that owns it."""
    owner = {}
    for layer in model.layers:
        for w in layer.weights:
            owner.setdefault(id(w), layer.name)
    return [{"layer": owner.get(id(w)), "path": w.path, "shape": [int(d) for d in w.shape]}
            for w in model.weights]


def _spec_json(name, spec):
    return {
        "name": name,
        "dtype": spec.dtype.name,
        "shape": [None if d is None else int(d) for d in spec.shape.as_list()],
    }


def read_signature(loaded):
    """Input and output specs as the exported SavedModel declares them (not assumed)."""
    fn = loaded.signatures[SIGNATURE]
    _, kwargs = fn.structured_input_signature
    inputs = [_spec_json(name, spec) for name, spec in sorted(kwargs.items())]
    outputs = [_spec_json(name, spec) for name, spec in sorted(fn.structured_outputs.items())]
    return {"name": SIGNATURE, "inputs": inputs, "outputs": outputs}


def _tensor_json(array):
    array = np.asarray(array, dtype=np.float32)
    # float(np.float32) is the exact float32 value as a double; json writes its shortest repr,
    # which reads back to the same float32 in Java.
    return {"shape": list(array.shape), "data": [float(v) for v in array.reshape(-1)]}


def export_with_parity(model, recipe, out_dir, seed, probe_x, training, evaluation_data):
    """Exports ``model`` to ``out_dir/recipe`` and writes its parity.json; returns the dict."""
    target = os.path.join(out_dir, recipe)
    if os.path.exists(target):
        shutil.rmtree(target)
    # model.export writes a plain TF SavedModel with the endpoints `serve` and
    # `serving_default` and only the model's own variables.
    # Keras prints the endpoint listing even with verbose=False; keep the summary readable.
    with contextlib.redirect_stdout(io.StringIO()):
        model.export(target, format="tf_saved_model", verbose=False)

    loaded = tf.saved_model.load(target)
    signature = read_signature(loaded)
    if len(signature["inputs"]) != 1:
        raise SystemExit(f"{recipe}: expected one signature input, got {signature['inputs']}")
    input_name = signature["inputs"][0]["name"]
    probe_x = np.asarray(probe_x, dtype=np.float32)
    outputs = loaded.signatures[SIGNATURE](**{input_name: tf.constant(probe_x)})

    # The reloaded graph must agree with the in-memory Keras model: anything else means the
    # export changed the computation, which the Java parity could not detect.
    keras_out = model.predict(probe_x, verbose=0)
    first = outputs[signature["outputs"][0]["name"]].numpy()
    drift = float(np.max(np.abs(first - keras_out)))
    if drift > 1e-5:
        raise SystemExit(f"{recipe}: reloaded SavedModel differs from Keras by {drift}")

    parity = {
        "recipe": recipe,
        "seed": seed,
        "versions": versions(),
        "model_config": json.loads(model.to_json()),
        "weights": weight_table(model),
        "signature": signature,
        "probes": {
            "inputs": {input_name: _tensor_json(probe_x)},
            "outputs": {name: _tensor_json(t.numpy()) for name, t in sorted(outputs.items())},
        },
        "training": training,
        "evaluation_data": evaluation_data,
    }
    with open(os.path.join(target, "parity.json"), "w", encoding="utf-8") as f:
        f.write(_dumps_compact_arrays(parity))
        f.write("\n")
    return parity


def _dumps_compact_arrays(parity):
    """Indented JSON, but each probe's flat data array on one line (readable diffs, small file)."""
    arrays = []

    def stash(tensors):
        for tensor in tensors.values():
            arrays.append(json.dumps(tensor["data"]))
            tensor["data"] = f"@@ARRAY{len(arrays) - 1}@@"

    copy = json.loads(json.dumps(parity))
    stash(copy["probes"]["inputs"])
    stash(copy["probes"]["outputs"])
    text = json.dumps(copy, indent=1)
    for i, array in enumerate(arrays):
        text = text.replace(f'"@@ARRAY{i}@@"', array)
    return text


def report(parity):
    """One summary line per exported recipe (parsed by scripts/export-python-models.sh)."""
    t = parity["training"]
    if "rmse" in t:
        quality = f"rmse={t['rmse']:.4f}"
    elif "test_accuracy" in t:
        quality = f"test_acc={t['test_accuracy']:.4f} exact={t['exact_match_accuracy']:.4f}"
    else:
        quality = f"exact={t['exact_match_accuracy']:.4f}"
    print(f"RESULT\t{parity['recipe']}\tloss={t['loss']:.6f}\t{quality}\t"
          f"epochs={t['epochs_run']}\tseconds={t['train_seconds']:.1f}", flush=True)
    sys.stdout.flush()
