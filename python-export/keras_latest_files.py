"""The model subset of keras2_files.py written by the newest Keras 3 (3.15 when written).

Run with a venv holding tensorflow-cpu 2.18 and the newest Keras 3 (see
requirements-keras-latest.txt). Each model of ``model_kit.SUBSET`` (same builders, seeds and
weights as the Keras 2 files) is written to ``<out>/<name>/`` as ``<name>.keras``,
``<name>.h5`` (legacy HDF5) and ``parity.json`` with Keras's own predictions on seeded probes
(reference_outputs.py logic). Both files are reloaded with ``load_model(compile=False)`` and
must reproduce the predictions to within 1e-6. ``lstm`` also gets

* sharded weights: ``model.save_weights("lstm.weights.json", max_shard_size=...)`` (Keras 3.15
  shards weights only through ``save_weights``; ``model.save`` has no ``max_shard_size``),
  writing ``lstm.weights.json`` plus ``lstm_00000.weights.h5``, ...;
* an unzipped model folder: ``model.save("lstm_unzipped", zipped=False)``.

``masked_attention`` (value and query masked) is added because Keras 3.8 cannot run it.

    python keras_latest_files.py [--out saved-models/keras-latest] [--only NAME] [--seed 1]
"""

import argparse
import os
import shutil
import sys

import reference_outputs as ro
from model_kit import SUBSET, name_seed, seeded_weights

keras = ro.use_keras(False)

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

TOLERANCE = 1e-6
PROBE_SEED_OFFSET = 1000
SHARDED = "lstm"
# In GB, as Keras takes it: about 640 bytes, just above the largest weight (the recurrent
# kernel, 576 bytes), so the LSTM's weights spread over several shards.
SHARD_GB = 6e-7
REFERENCE = ("Probe outputs are Keras's own predictions (predict, inference mode) of the model "
             "that was saved; the files reloaded with keras.models.load_model(compile=False) "
             "give the same outputs to within 1e-6.")


def masked_attention(keras):
    L = keras.layers
    query_in = keras.Input((None,), dtype="int32", name="query")
    value_in = keras.Input((None,), dtype="int32", name="value")
    q = L.LSTM(5, return_sequences=True)(L.Embedding(15, 4, mask_zero=True)(query_in))
    v = L.GRU(5, return_sequences=True)(L.Embedding(15, 4, mask_zero=True)(value_in))
    context = L.Attention()([q, v])
    out = L.Dense(3)(L.Concatenate()([q, context]))
    return keras.Model([query_in, value_in], out, name="masked_attention")


MODELS = dict(SUBSET)
MODELS["masked_attention"] = (
    masked_attention,
    "Embedding(mask_zero) query -> LSTM and value -> GRU -> Attention with query and value "
    "masks -> Concatenate -> Dense(3); padded probes; no .h5 (Keras 3 keeps a functional "
    "model's mask ops as NotEqual nodes, which its HDF5 loader cannot rebuild)")
NO_H5 = {"masked_attention"}
TIMESTEPS = {"tokens": 6, "query": 5, "value": 7}


def max_abs(a, b):
    if len(a) != len(b):
        raise SystemExit(f"{len(a)} outputs against {len(b)}")
    return max(float(np.max(np.abs(x.astype(np.float64) - y))) for x, y in zip(a, b))


def write_model(name, out_dir, seed, rows):
    build, covers = MODELS[name]
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = build(keras)
    seeded_weights(model, np.random.default_rng(name_seed(seed, name)))
    probe_seed = name_seed(seed + PROBE_SEED_OFFSET, name)
    probes, padding = ro.make_probes(model, rows, probe_seed, TIMESTEPS)
    reference = ro.predict(model, probes)

    target = os.path.join(out_dir, name)
    if os.path.exists(target):
        shutil.rmtree(target)
    os.makedirs(target)
    archive = os.path.join(target, f"{name}.keras")
    written = {"keras": archive}
    if name not in NO_H5:
        written["h5"] = os.path.join(target, f"{name}.h5")
    for path in written.values():
        model.save(path)
    diffs = {k: max_abs(ro.predict(ro.load(p), probes), reference) for k, p in written.items()}
    files = [os.path.basename(p) for p in written.values()]
    if name == SHARDED:
        weights = os.path.join(target, f"{name}.weights.json")
        model.save_weights(weights, max_shard_size=SHARD_GB)
        clone = build(keras)
        clone.load_weights(weights)
        diffs["sharded_weights"] = max_abs(ro.predict(clone, probes), reference)
        shards = sorted(f for f in os.listdir(target) if f.startswith(f"{name}_")
                        and f.endswith(".weights.h5"))
        files += [os.path.basename(weights)] + shards
        unzipped = os.path.join(target, f"{name}_unzipped")
        model.save(unzipped, zipped=False)
        diffs["unzipped"] = max_abs(
            ro.predict(keras.models.load_model(unzipped, compile=False), probes), reference)
        files.append(os.path.basename(unzipped) + "/")
    if max(diffs.values()) > TOLERANCE:
        raise SystemExit(f"{name}: reloaded files differ from the predictions: {diffs}")

    parity = {
        "recipe": name,
        "seed": seed,
        "covers": covers,
        "versions": ro.versions(),
        "source": os.path.basename(archive),
        "model_config": ro.stored_config(archive),
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


def main(description=__doc__, default_out=os.path.join("saved-models", "keras-latest")):
    """Writes MODELS (or the --only ones) to --out; other version scripts reuse it."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--out", default=default_out)
    parser.add_argument("--only", action="append", choices=sorted(MODELS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=16)
    args = parser.parse_args()
    tf.config.experimental.enable_op_determinism()
    os.makedirs(args.out, exist_ok=True)
    for name in args.only or list(MODELS):
        write_model(name, args.out, args.seed, args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
