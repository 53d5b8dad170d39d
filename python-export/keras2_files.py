"""Keras 2 files (tf_keras, the Keras 2 for TensorFlow 2.16+) of a representative model subset.

Run with the Keras 2 venv (tensorflow-cpu 2.18 + tf_keras 2.18, see
requirements-keras2.txt). Each model of ``model_kit.SUBSET`` is built with ``tf_keras``, given
seeded weights (as the layer zoo does) and written to ``<out>/<name>/`` as

* ``<name>.h5``: ``model.save("<name>.h5")``, Keras 2's HDF5 format;
* ``savedmodel/``: ``model.save(dir, save_format="tf")``, a Keras 2 SavedModel with
  ``keras_metadata.pb`` and the ``serving_default`` signature;
* ``<name>.keras``: tf_keras's own ``.keras`` zip;
* ``parity.json``: tf_keras's predictions on seeded probes (reference_outputs.py logic), with
  the config stored in ``<name>.h5`` and the SavedModel's signature.

Every file is reloaded with ``tf_keras.models.load_model(compile=False)`` and must reproduce
the predictions to within 1e-6; the SavedModel's own signature (``tf.saved_model.load``) too.
One model also gets its weights alone: ``<name>_weights.h5`` (legacy ``save_weights("x.h5")``)
and ``<name>.weights.h5`` (tf_keras's ``save_weights("x.weights.h5")``, the Keras 3 layout).

    python keras2_files.py [--out saved-models/keras2] [--only NAME] [--seed 1] [--rows 16]
"""

import argparse
import contextlib
import io
import json
import os
import shutil
import sys

import reference_outputs as ro
from model_kit import SUBSET, name_seed, seeded_weights

keras = ro.use_keras(True)

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

TOLERANCE = 1e-6
WEIGHTS_ONLY = "lstm"
PROBE_SEED_OFFSET = 1000
REFERENCE = ("Probe outputs are tf_keras's own predictions (predict, inference mode) of the "
             "model that was saved; <name>.h5, savedmodel/ and <name>.keras reloaded with "
             "tf_keras.models.load_model(compile=False), and the SavedModel's serving_default "
             "signature, give the same outputs to within 1e-6.")


def spec_json(name, spec):
    return {"name": name, "dtype": spec.dtype.name,
            "shape": [None if d is None else int(d) for d in spec.shape.as_list()]}


def signature_of(loaded):
    fn = loaded.signatures["serving_default"]
    _, kwargs = fn.structured_input_signature
    return fn, {
        "name": "serving_default",
        "inputs": [spec_json(n, s) for n, s in sorted(kwargs.items())],
        "outputs": [spec_json(n, s) for n, s in sorted(fn.structured_outputs.items())],
    }


def max_abs(a, b):
    if len(a) != len(b):
        raise SystemExit(f"{len(a)} outputs against {len(b)}")
    return max(float(np.max(np.abs(x.astype(np.float64) - y))) for x, y in zip(a, b))


def write_model(name, out_dir, seed, rows):
    build, covers = SUBSET[name]
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = build(keras)
    seeded_weights(model, np.random.default_rng(name_seed(seed, name)))
    probe_seed = name_seed(seed + PROBE_SEED_OFFSET, name)
    probes, padding = ro.make_probes(model, rows, probe_seed, {"tokens": 6})
    reference = ro.predict(model, probes)

    target = os.path.join(out_dir, name)
    if os.path.exists(target):
        shutil.rmtree(target)
    os.makedirs(target)
    h5 = os.path.join(target, f"{name}.h5")
    saved = os.path.join(target, "savedmodel")
    archive = os.path.join(target, f"{name}.keras")
    model.save(h5)
    with contextlib.redirect_stdout(io.StringIO()):
        model.save(saved, save_format="tf")
    model.save(archive)
    files = [os.path.basename(h5), "savedmodel/", os.path.basename(archive)]
    if name == WEIGHTS_ONLY:
        model.save_weights(os.path.join(target, f"{name}_weights.h5"))
        model.save_weights(os.path.join(target, f"{name}.weights.h5"))
        files += [f"{name}_weights.h5", f"{name}.weights.h5"]

    diffs = {}
    for label, path in (("h5", h5), ("savedmodel", saved), ("keras", archive)):
        diffs[label] = max_abs(ro.predict(ro.load(path), probes), reference)
    # The SavedModel's own signature, as the Java side runs it.
    fn, signature = signature_of(tf.saved_model.load(saved))
    dtypes = {s["name"]: s["dtype"] for s in signature["inputs"]}
    if sorted(dtypes) != sorted(probes):
        raise SystemExit(f"{name}: signature inputs {sorted(dtypes)}, model inputs {list(probes)}")
    result = fn(**{n: tf.constant(a, dtype=dtypes[n]) for n, a in probes.items()})
    # Keras 2 names a SavedModel's outputs after the output layers, in model.output_names.
    output_names = list(model.output_names)
    diffs["savedmodel_signature"] = max_abs([result[o].numpy() for o in output_names], reference)
    if name == WEIGHTS_ONLY:
        for fname in (f"{name}_weights.h5", f"{name}.weights.h5"):
            clone = build(keras)
            clone.load_weights(os.path.join(target, fname))
            diffs[fname] = max_abs(ro.predict(clone, probes), reference)
    worst = max(diffs.values())
    if worst > TOLERANCE:
        raise SystemExit(f"{name}: reloaded files differ from the predictions: {diffs}")

    parity = {
        "recipe": name,
        "seed": seed,
        "covers": covers,
        "versions": ro.versions(),
        "source": os.path.basename(h5),
        "model_config": ro.stored_config(h5),
        "signature": signature,
        "signature_output_names": output_names,
        "probe_seed": probe_seed,
        "probes": ro.probes_json(probes, reference),
        "reference": REFERENCE,
        "files": files,
        "max_abs_diff": diffs,
    }
    if padding:
        parity["padding"] = padding
    ro.write(parity, os.path.join(target, "parity.json"))
    print(f"{name}: {', '.join(files)}; " + ", ".join(f"{k} {v:.1e}" for k, v in diffs.items()),
          flush=True)


README = """# Keras 2 files (tf_keras {version})

Written by `python-export/keras2_files.py` with tf_keras {version} (Keras 2, `import tf_keras as
keras`) on TensorFlow {tensorflow} (CPU), from the builders in `python-export/model_kit.py`.
Nothing is trained: weights are seeded (normal * 0.5, biases included) exactly as for the same
models in `../keras-latest/`, and the probes are the same, so the two folders differ only by
the Keras that wrote them.

Per model folder:

| file | what it is |
|---|---|
| `<name>.h5` | `model.save("<name>.h5")`: Keras 2 HDF5, root attributes `model_config`, `keras_version`, `backend`; weights under `model_weights/<layer>/...` named with `:0` |
| `savedmodel/` | `model.save(dir, save_format="tf")`: a Keras 2 SavedModel with `keras_metadata.pb` (the root node's metadata holds `class_name` and `config`), per-layer traced functions and the `serving_default` signature (inputs named after the Input layers, outputs after the output layers) |
| `<name>.keras` | tf_keras's own `.keras` zip (`metadata.json`, `config.json`, `model.weights.h5`) |
| `parity.json` | tf_keras's predictions on seeded probes (`reference_outputs.py` layout): `recipe`, `seed`, `covers`, `versions` (`keras_api: tf_keras`), `source` and `model_config` (the config stored in `<name>.h5`), `signature` (as `tf.saved_model.load` reads it) and `signature_output_names` (the signature's name for `output_0`, ...), `probe_seed`, `probes`, `padding` (masked inputs), `reference`, `files`, `max_abs_diff` |
| `lstm/lstm_weights.h5` | `model.save_weights("lstm_weights.h5")`: legacy HDF5 weights only (root `layer_names`, per-layer `weight_names` such as `lstm/lstm_cell/kernel:0`) |
| `lstm/lstm.weights.h5` | `model.save_weights("lstm.weights.h5")`: tf_keras writes the Keras 3 weights layout (`layers/lstm/cell/vars/0..2`) |

Every file is reloaded with `tf_keras.models.load_model(compile=False)` (the weights files into
a fresh model with `load_weights`), and the SavedModel's signature is run with
`tf.saved_model.load`: all reproduce the recorded outputs to within 1e-6 (largest measured
difference {worst:.1e}).

The last column compares with the same model, weights and probes written by Keras 3 in
`../keras-latest/` (largest absolute difference of the recorded outputs).

| model | covers | inputs | signature outputs | vs keras-latest |
|---|---|---|---|---|
{table}

`lstm_hard_sigmoid` shows why Keras 2 files need Keras 2 semantics: Keras 2's `hard_sigmoid` is
`clip(0.2 x + 0.5, 0, 1)`, Keras 3's `clip(x / 6 + 0.5, 0, 1)`, so Keras 3 loading this file
computes a different model.
"""


def _versus_keras3(out_dir, name, outputs):
    """Largest difference to the same model's outputs in ../keras-latest/, as text."""
    twin = os.path.join(out_dir, "..", "keras-latest", name, "parity.json")
    if not os.path.isfile(twin):
        return "-"
    with open(twin, encoding="utf-8") as f:
        other = json.load(f)["probes"]["outputs"]
    worst = max(float(np.max(np.abs(np.asarray(t["data"]) - np.asarray(other[k]["data"]))))
                for k, t in outputs.items())
    return f"{worst:.2g}"


def write_readme(out_dir):
    rows, worst, versions = [], 0.0, None
    for name, (_, covers) in SUBSET.items():
        path = os.path.join(out_dir, name, "parity.json")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            p = json.load(f)
        versions = p["versions"]
        worst = max(worst, max(p["max_abs_diff"].values()))
        inputs = "; ".join(f"`{s['name']}` {s['dtype']} {tuple(s['shape'])}"
                           for s in p["signature"]["inputs"])
        outputs = ", ".join(f"`{n}`" for n in p["signature_output_names"])
        versus = _versus_keras3(out_dir, name, p["probes"]["outputs"])
        rows.append(f"| `{name}` | {covers} | {inputs} | {outputs} | {versus} |")
    text = README.format(version=versions["keras"], tensorflow=versions["tensorflow"],
                         worst=worst, table="\n".join(rows))
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("saved-models", "keras2"))
    parser.add_argument("--only", action="append", choices=sorted(SUBSET))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=16)
    parser.add_argument("--readme", action="store_true",
                        help="only rewrite <out>/README.md from the files present")
    args = parser.parse_args()
    if not args.readme:
        tf.config.experimental.enable_op_determinism()
        os.makedirs(args.out, exist_ok=True)
        for name in args.only or list(SUBSET):
            write_model(name, args.out, args.seed, args.rows)
    write_readme(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
