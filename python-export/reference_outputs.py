"""Records Keras's own predictions for any Keras model file as a parity.json.

    python reference_outputs.py FILE [--out PATH] [--rows 32] [--seed 1] [--timesteps 6]
                                     [--keras2 | --keras3]

FILE is a ``.keras`` archive, a legacy HDF5 file (``.h5`` / ``.hdf5``), or, under tf_keras, a
Keras 2 SavedModel folder (the one holding ``keras_metadata.pb``). The model is loaded with
``load_model(compile=False)`` (``safe_mode=True`` for ``.keras``), fed seeded probe inputs and
run in inference mode; the file written (default ``<stem>.parity.json`` beside FILE) holds the
model config stored in FILE, the probes and the outputs.

Keras 2 or 3: ``--keras2`` imports ``tf_keras as keras`` (Keras 2, the reference for tf.keras
2.x files), ``--keras3`` imports ``keras``; without either, tf_keras is used when it is
installed and Keras 3 otherwise.

Probes, one array per model input, drawn in model input order from
``numpy.random.default_rng(seed)``:

* float inputs: uniform in [0, 1);
* integer-dtype inputs and inputs that feed an Embedding: integers in [0, input_dim) of that
  Embedding ([0, 10) for an integer input without one);
* timestep (and other non-batch) dimensions the model leaves open take ``--timesteps``;
* an input that feeds a Masking layer or an Embedding with ``mask_zero=True`` is padded: each
  row has its own true length in [1, T]; the first half of the rows is padded at the end, the
  second half at the start, with the mask value (Masking: every feature of a padded step; a
  masking Embedding: token 0, real tokens then drawn from [1, input_dim)). ``padding`` in the
  output records the lengths and sides.
"""

import argparse
import importlib.util
import json
import os
import platform
import sys
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")

import numpy as np  # noqa: E402

REFERENCE = ("Probe outputs are Keras's own predictions: the model loaded from the file with "
             "load_model(compile=False) and run in inference mode (predict) on the probe inputs.")
INT_RANGE_WITHOUT_EMBEDDING = 10

keras = None
KERAS_API = None


def use_keras(keras2=None):
    """Imports Keras 2 (tf_keras) or Keras 3 once and returns the module."""
    global keras, KERAS_API
    if keras is not None:
        return keras
    if keras2 is None:
        keras2 = importlib.util.find_spec("tf_keras") is not None
    if keras2:
        import tf_keras as module
        KERAS_API = "tf_keras"
    else:
        import keras as module
        KERAS_API = "keras"
    keras = module
    return keras


def versions():
    import tensorflow as tf
    return {
        "keras": keras.__version__,
        "tensorflow": tf.__version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "keras_api": KERAS_API,
    }


# ---- reading a Keras file ----

def file_kind(path):
    if os.path.isdir(path):
        if not os.path.isfile(os.path.join(path, "saved_model.pb")):
            raise SystemExit(f"error: {path} is a folder without saved_model.pb")
        return "savedmodel"
    if zipfile.is_zipfile(path):
        return "keras"
    with open(path, "rb") as f:
        if f.read(8) == b"\x89HDF\r\n\x1a\n":
            return "h5"
    raise SystemExit(f"error: {path} is neither a .keras archive, an HDF5 file nor a SavedModel")


def stored_config(path):
    """The model config exactly as the file stores it."""
    kind = file_kind(path)
    if kind == "keras":
        with zipfile.ZipFile(path) as z:
            return json.loads(z.read("config.json"))
    if kind == "h5":
        import h5py
        with h5py.File(path, "r") as f:
            value = f.attrs["model_config"]
            return json.loads(value.decode("utf-8") if isinstance(value, bytes) else value)
    metadata = os.path.join(path, "keras_metadata.pb")
    if not os.path.isfile(metadata):
        raise SystemExit(f"error: {path} is a SavedModel without keras_metadata.pb")
    from tf_keras.protobuf import saved_metadata_pb2
    proto = saved_metadata_pb2.SavedMetadata()
    with open(metadata, "rb") as f:
        proto.ParseFromString(f.read())
    for node in proto.nodes:
        if node.node_path == "root":
            return json.loads(node.metadata)
    raise SystemExit(f"error: {metadata} holds no root model")


def load(path):
    kind = file_kind(path)
    if kind == "savedmodel" and KERAS_API != "tf_keras":
        raise SystemExit("error: a Keras 2 SavedModel folder needs tf_keras (--keras2)")
    if kind == "keras":
        return keras.models.load_model(path, compile=False, safe_mode=True)
    return keras.models.load_model(path, compile=False)


# ---- probes ----

def _history_layer(tensor):
    return tensor._keras_history[0]


def _consumers(model):
    """For each model input's layer name, the layers that take it directly as an input."""
    consumers = {}
    for layer in model.layers:
        for node in layer._inbound_nodes:
            tensors = node.input_tensors
            if not isinstance(tensors, (list, tuple)):
                tensors = [tensors]
            for t in tensors:
                if hasattr(t, "_keras_history"):
                    consumers.setdefault(_history_layer(t).name, []).append(layer)
    return consumers


def input_plan(model):
    """Per model input: name, shape, dtype, integer range and mask value (or None)."""
    consumers = _consumers(model)
    plans = []
    for t in model.inputs:
        name = _history_layer(t).name
        dtype = np.dtype(t.dtype.name if hasattr(t.dtype, "name") else t.dtype)
        fed = [c for c in consumers.get(name, []) if c.name != name]
        embeddings = [c for c in fed if type(c).__name__ == "Embedding"]
        maskings = [c for c in fed if type(c).__name__ == "Masking"]
        plan = {"name": name, "shape": list(t.shape), "dtype": dtype,
                "integer": dtype.kind in "iu" or bool(embeddings),
                "high": min(int(e.input_dim) for e in embeddings) if embeddings
                else INT_RANGE_WITHOUT_EMBEDDING,
                "mask_value": None}
        if maskings:
            plan["mask_value"] = float(maskings[0].mask_value)
        elif any(getattr(e, "mask_zero", False) for e in embeddings):
            plan["mask_value"] = 0
        plans.append(plan)
    return plans


def make_probes(model, rows=32, seed=1, timesteps=6):
    """Seeded probe arrays by input layer name (model input order) and the padding used.

    ``timesteps`` fills the dimensions the model leaves open; a dict gives it per input name.
    """
    rng = np.random.default_rng(seed)
    probes, padding = {}, {}
    for plan in input_plan(model):
        steps_here = timesteps.get(plan["name"], 6) if isinstance(timesteps, dict) else timesteps
        shape = [rows] + [steps_here if d is None else int(d) for d in plan["shape"][1:]]
        masked = plan["mask_value"] is not None
        if plan["integer"]:
            low = 1 if masked else 0
            data = rng.integers(low, plan["high"], size=shape).astype(plan["dtype"])
        else:
            data = rng.random(size=shape, dtype=np.float64).astype(plan["dtype"])
        if masked and len(shape) >= 2:
            steps = shape[1]
            lengths = rng.integers(1, steps + 1, size=rows)
            # The first and last rows keep the full length; the others are padded.
            lengths[0] = lengths[-1] = steps
            sides = ["end" if r < rows // 2 else "start" for r in range(rows)]
            for r in range(rows):
                pad = steps - int(lengths[r])
                if pad == 0:
                    continue
                where = slice(steps - pad, steps) if sides[r] == "end" else slice(0, pad)
                data[r, where] = plan["mask_value"]
            padding[plan["name"]] = {"mask_value": plan["mask_value"],
                                     "lengths": [int(n) for n in lengths], "side": sides}
        probes[plan["name"]] = data
    return probes, padding


def predict(model, probes):
    """Keras's inference-mode outputs as a list in model output order."""
    feed = list(probes.values())
    rows = len(feed[0])
    out = model.predict(feed if len(feed) > 1 else feed[0], batch_size=rows, verbose=0)
    if isinstance(out, dict):
        out = [out[k] for k in model.output_names]
    if not isinstance(out, (list, tuple)):
        out = [out]
    return [np.asarray(o) for o in out]


# ---- writing ----

def tensor_json(array):
    array = np.asarray(array)
    if array.dtype.kind in "iu":
        data = [int(v) for v in array.reshape(-1)]
        dtype = array.dtype.name
    else:
        # float(np.float32) is the exact float32 value as a double; json writes its shortest
        # repr, which reads back to the same float32.
        array = array.astype(np.float32)
        data = [float(v) for v in array.reshape(-1)]
        dtype = "float32"
    return {"dtype": dtype, "shape": list(array.shape), "data": data}


def probes_json(probes, outputs):
    return {"inputs": {name: tensor_json(a) for name, a in probes.items()},
            "outputs": {f"output_{i}": tensor_json(a) for i, a in enumerate(outputs)}}


def dumps(parity):
    """Indented JSON, but each probe's flat data array on one line (readable diffs, small file)."""
    arrays = []
    copy = json.loads(json.dumps(parity))
    for group in ("inputs", "outputs"):
        for tensor in copy["probes"][group].values():
            arrays.append(json.dumps(tensor["data"]))
            tensor["data"] = f"@@ARRAY{len(arrays) - 1}@@"
    text = json.dumps(copy, indent=1)
    for i, array in enumerate(arrays):
        text = text.replace(f'"@@ARRAY{i}@@"', array)
    return text + "\n"


def write(parity, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(dumps(parity))


def reference_parity(path, rows=32, seed=1, timesteps=6, model=None):
    """Loads ``path`` (unless ``model`` is given), probes it and returns the parity dict."""
    if model is None:
        model = load(path)
    probes, padding = make_probes(model, rows, seed, timesteps)
    outputs = predict(model, probes)
    source = os.path.basename(os.path.normpath(path))
    parity = {
        "recipe": source if os.path.isdir(path) else os.path.splitext(source)[0],
        "seed": seed,
        "source": source,
        "versions": versions(),
        "model_config": stored_config(path),
        "probes": probes_json(probes, outputs),
        "reference": REFERENCE,
    }
    if padding:
        parity["padding"] = padding
    return parity


def default_out(path):
    norm = os.path.normpath(path)
    stem = os.path.basename(norm)
    if not os.path.isdir(norm):
        stem = os.path.splitext(stem)[0]
    return os.path.join(os.path.dirname(norm), f"{stem}.parity.json")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help=".keras, .h5/.hdf5, or a Keras 2 SavedModel folder")
    parser.add_argument("--out", help="parity file to write (default <stem>.parity.json beside FILE)")
    parser.add_argument("--rows", type=int, default=32)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timesteps", type=int, default=6,
                        help="length of the timestep dimensions the model leaves open")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--keras2", action="store_true", help="use tf_keras (Keras 2)")
    which.add_argument("--keras3", action="store_true", help="use Keras 3")
    args = parser.parse_args()
    if not os.path.exists(args.file):
        print(f"error: no such file {args.file}", file=sys.stderr)
        return 2
    use_keras(True if args.keras2 else False if args.keras3 else None)
    parity = reference_parity(args.file, args.rows, args.seed, args.timesteps)
    out = args.out or default_out(args.file)
    write(parity, out)
    shapes = {k: v["shape"] for k, v in parity["probes"]["outputs"].items()}
    print(f"{out}: {KERAS_API} {keras.__version__}, outputs {shapes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
