"""Writes the nine tutorial models of saved-models/ as Keras files, without retraining.

For every ``saved-models/<recipe>/`` (a Keras 3 ``model.export`` SavedModel plus parity.json):

* rebuilds the Keras model from parity.json's ``model_config``;
* loads the trained weights from the SavedModel's variables (``tf.saved_model.load(dir)
  .variables``), matched to ``model.weights`` by variable path, every weight exactly once and
  with equal shape;
* checks that the model reproduces the probe outputs recorded in parity.json (max abs diff
  <= 1e-6);
* writes ``<recipe>.keras`` (``model.save``) and ``<recipe>.h5`` (legacy HDF5) beside it,
  reloads both with ``keras.models.load_model(compile=False)`` and checks the probes again.

    python keras_files.py [--models saved-models] [--only RECIPE] [--tolerance 1e-6]
"""

import argparse
import json
import os
import sys

import parity_export as px
from parity_export import keras, np, tf

RECIPES = [
    "addition-mlp", "addition-lstm", "addition-seq2seq",
    "reverse-mlp", "reverse-lstm-default", "reverse-lstm-stacked",
    "reverse-return-sequences", "reverse-return-state", "reverse-return-sequences-state",
]
# Variables a Keras 3 export carries that are not model weights (RNN dropout seed state).
NOT_WEIGHTS = ("seed_generator",)


def saved_variables(saved_dir):
    """The SavedModel's variables by path (``lstm/lstm_cell/kernel``), minus seed state."""
    loaded = tf.saved_model.load(saved_dir)
    table = {}
    for v in loaded.variables:
        path = v.name[:-2] if v.name.endswith(":0") else v.name
        if path.split("/")[0].startswith(NOT_WEIGHTS):
            continue
        if path in table:
            raise SystemExit(f"{saved_dir}: variable path {path} occurs twice")
        table[path] = v.numpy()
    return table


def load_weights_by_path(model, table, recorded, where):
    """Assigns every model weight from ``table``; each variable is used exactly once.

    Paths depend on where a layer was built: a Sequential model built in Python puts its own
    name in front (``addition_lstm/lstm/lstm_cell/kernel``), a layer wrapped by TimeDistributed
    or Bidirectional may or may not carry the wrapper's name (``time_distributed/dense/kernel``).
    So a weight is keyed from its top-level layer's name on (``<layer>/...``), and a SavedModel
    variable matches when its path is that key or ends with ``/`` + key. ``recorded`` is
    parity.json's weight table, which must name the matched paths in ``model.weights`` order.
    """
    used = {}
    assigned = []
    for layer in model.layers:
        for w in layer.weights:
            marker = layer.name + "/"
            if w.path.startswith(marker):
                key = w.path
            elif "/" + marker in w.path:
                key = w.path[w.path.index("/" + marker) + 1:]
            else:
                key = marker + w.path
            found = [p for p in table if p == key or p.endswith("/" + key)]
            if len(found) != 1:
                raise SystemExit(f"{where}: weight {w.path} of layer {layer.name} (key {key}) "
                                 f"matches {found} among {sorted(table)}")
            path = found[0]
            if path in used:
                raise SystemExit(f"{where}: variable {path} matched twice")
            value = table[path]
            if tuple(value.shape) != tuple(w.shape):
                raise SystemExit(f"{where}: {path} has shape {value.shape}, "
                                 f"model weight {tuple(w.shape)}")
            w.assign(value)
            used[path] = id(w)
            assigned.append((id(w), path))
    unused = sorted(set(table) - set(used))
    if unused:
        raise SystemExit(f"{where}: SavedModel variables not matched to any weight: {unused}")
    if len(assigned) != len(model.weights):
        raise SystemExit(f"{where}: assigned {len(assigned)} of {len(model.weights)} weights")
    by_id = dict(assigned)
    order = [by_id[id(w)] for w in model.weights]
    if recorded is not None and order != [r["path"] for r in recorded]:
        raise SystemExit(f"{where}: weight paths {order} differ from parity.json's "
                         f"{[r['path'] for r in recorded]}")
    return order


def probe_arrays(parity):
    inputs = [np.asarray(t["data"], dtype=np.float32).reshape(t["shape"])
              for t in parity["probes"]["inputs"].values()]
    outputs = [np.asarray(parity["probes"]["outputs"][k]["data"], dtype=np.float32)
               .reshape(parity["probes"]["outputs"][k]["shape"])
               for k in sorted(parity["probes"]["outputs"], key=lambda n: int(n.split("_")[-1]))]
    return inputs, outputs


def max_diff(model, inputs, expected):
    got = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
    if not isinstance(got, (list, tuple)):
        got = [got]
    if len(got) != len(expected):
        raise SystemExit(f"model gives {len(got)} outputs, parity.json {len(expected)}")
    worst = 0.0
    for g, e in zip(got, expected):
        g = np.asarray(g)
        if g.shape != e.shape:
            raise SystemExit(f"output shape {g.shape}, parity.json {e.shape}")
        worst = max(worst, float(np.max(np.abs(g - e))))
    return worst


def write_files(saved_dir, recipe, tolerance):
    with open(os.path.join(saved_dir, "parity.json"), encoding="utf-8") as f:
        parity = json.load(f)
    model = keras.models.model_from_json(json.dumps(parity["model_config"]))
    paths = load_weights_by_path(model, saved_variables(saved_dir), parity.get("weights"),
                                 recipe)
    inputs, expected = probe_arrays(parity)
    results = {"rebuilt": max_diff(model, inputs, expected)}
    if results["rebuilt"] > tolerance:
        raise SystemExit(f"{recipe}: rebuilt model differs from the recorded probe outputs "
                         f"by {results['rebuilt']}")
    targets = {"keras": os.path.join(saved_dir, f"{recipe}.keras"),
               "h5": os.path.join(saved_dir, f"{recipe}.h5")}
    for kind, target in targets.items():
        if os.path.exists(target):
            os.remove(target)
        model.save(target)
        reloaded = keras.models.load_model(target, compile=False)
        results[kind] = max_diff(reloaded, inputs, expected)
        if results[kind] > tolerance:
            raise SystemExit(f"{recipe}: {os.path.basename(target)} reloaded differs from the "
                             f"recorded probe outputs by {results[kind]}")
    print(f"{recipe}: {len(paths)} weights matched; max abs diff to parity.json probes "
          + ", ".join(f"{k} {v:.2e}" for k, v in results.items()), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="saved-models",
                        help="folder with one SavedModel sub-folder per recipe")
    parser.add_argument("--only", action="append", choices=RECIPES)
    parser.add_argument("--tolerance", type=float, default=1e-6)
    args = parser.parse_args()
    keras.utils.set_random_seed(1)
    for recipe in args.only or RECIPES:
        write_files(os.path.join(args.models, recipe), recipe, args.tolerance)
    return 0


if __name__ == "__main__":
    sys.exit(main())
