"""Keras model files for the Java HDF5 and .keras tests, and the check that Java's copies load.

Two modes:

``h5_fixtures.py [--out DIR]`` (default ``src/test/resources/keras``) writes, with Keras itself:

* ``lstm_seq2seq.keras``: ``model.save`` of a tiny Sequential LSTM encoder-decoder, compiled
  with Adam and trained one step, so the archive also holds ``optimizer/vars`` (an int64
  iteration counter, the learning rate and the slots);
* ``lstm_seq2seq.h5``: the same model through Keras's legacy HDF5 writer (``model_config``,
  ``model_weights`` with ``layer_names`` / ``weight_names``, ``optimizer_weights``);
* ``lstm_seq2seq.weights.h5``: ``model.save_weights`` (the ``.keras`` weights layout alone);
* ``lstm_seq2seq_weights_legacy.h5``: the legacy weights-only layout that tf.keras 2's
  ``save_weights("x.h5")`` wrote (Keras 3 still loads it; it only writes it through
  ``legacy_h5_format.save_weights_to_hdf5_group``);
* ``edge_cases.h5``: crafted with h5py: chunked attributes (``weight_names0``, ...), every
  string form h5py writes, float64 / float16 / integer / string / compound datasets, links
  (soft, dangling, external, cycles) and datasets whose headers claim huge sizes;
* ``dense_storage.h5``: h5py with ``libver="latest"``: links and attributes in HDF5's dense
  format (fractal heaps), which no Keras writer produces and the Java reader refuses;
* ``fixtures.json``: for every file above but the dense one, every dataset's path, dtype,
  shape, first values and sum, the string attributes, and a probe input with the model's
  predictions.

``h5_fixtures.py --verify DIR`` loads the copies that Java wrote into DIR (the four model files
under the same names, plus ``chunked_names.h5``) with Keras, each the same way as its original
in ``--out`` (``load_model`` or ``load_weights``), and compares: predictions within 1e-6,
weights and optimizer variables equal, and the chunked name list read back whole. It prints
one line per file and exits 1 if any check fails.
"""

import argparse
import io
import json
import os
import sys
import zipfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras.src.legacy.saving import legacy_h5_format  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "src", "test", "resources", "keras")
MODEL_FILES = [
    "lstm_seq2seq.keras",
    "lstm_seq2seq.h5",
    "lstm_seq2seq.weights.h5",
    "lstm_seq2seq_weights_legacy.h5",
]
FIRST_VALUES = 6
TOLERANCE = 1e-6
# The names Java writes into chunked_names.h5: enough that Keras's 64512-byte attribute limit
# forces them into several chunks.
CHUNKED_NAME_COUNT = 3000


def chunked_names():
    return [f"layer_{i:04d}/sequential/layer_{i:04d}/kernel" for i in range(CHUNKED_NAME_COUNT)]


def build_model():
    keras.utils.set_random_seed(1)
    tf.config.experimental.enable_op_determinism()
    model = keras.Sequential([
        keras.Input((3, 4)),
        keras.layers.LSTM(2),
        keras.layers.RepeatVector(2),
        keras.layers.LSTM(2, return_sequences=True),
        keras.layers.TimeDistributed(keras.layers.Dense(3)),
    ])
    # A loss object, not the string "mse": Keras 3.8 cannot load a legacy .h5 compiled with
    # the string (it looks for a function named "mse").
    model.compile(optimizer="adam", loss=keras.losses.MeanSquaredError())
    rng = np.random.default_rng(7)
    x = rng.standard_normal((4, 3, 4)).astype("float32")
    y = rng.standard_normal((4, 2, 3)).astype("float32")
    model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    return model


def probe_input():
    return np.random.default_rng(11).standard_normal((2, 3, 4)).astype("float32")


def write_edge_cases(path):
    """Everything the Java reader must read right or refuse clearly, in one small file."""
    with h5py.File(path, "w") as f:
        f.attrs["vlen_string"] = "variable length"
        f.attrs["numpy_bytes"] = np.bytes_(b"numpy bytes")
        f.attrs["fixed_list"] = np.array([b"lstm", b"repeat_vector"])
        f.attrs["vlen_list"] = ["one", "two", "three"]
        f.attrs["utf8_list"] = np.array(["\u00fcber".encode("utf8"), b"plain"])
        f.attrs["empty_list"] = np.array([], dtype="float64")
        f.attrs["int_attr"] = np.int64(3)
        # Keras's chunked form, as save_attributes_to_hdf5_group writes it past 64512 bytes:
        # np.array_split of one fixed-length byte-string array.
        names = np.array([b"dense/kernel", b"dense/bias", b"dense_1/kernel", b"dense_1/bias",
                          b"dense_2/kernel"])
        chunked = f.create_group("chunked")
        for i, part in enumerate(np.array_split(names, 2)):
            chunked.attrs[f"weight_names{i}"] = part
        layers = np.array([b"dense", b"dense_1", b"dense_2"])
        for i, part in enumerate(np.array_split(layers, 3)):
            chunked.attrs[f"layer_names{i}"] = part

        data = f.create_group("data")
        data["f64"] = np.array([[1.5, -2.25], [1e-3, 3.0e10]], dtype="float64")
        data["f16"] = np.array([0.5, -1.0, 65504.0], dtype="float16")
        data["f32_scalar"] = np.float32(2.5)
        # A shape whose header bytes are unique in the file, for tests that patch them.
        data["f32_3x7"] = np.arange(21, dtype="float32").reshape(3, 7)
        data["f32_empty"] = np.zeros((0, 3), dtype="float32")
        data["i32"] = np.array([1, -2, 3], dtype="int32")
        data["i64_scalar"] = np.int64(42)
        data["strings"] = np.array([b"a", b"b"])
        data["compound"] = np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")])
        data.create_dataset("chunked_plain", data=np.arange(16, dtype="float32").reshape(4, 4),
                            chunks=(2, 2))
        data.create_dataset("chunked_deflate", data=np.arange(16, dtype="float32").reshape(4, 4),
                            chunks=(2, 2), compression="gzip")

        huge = f.create_group("huge")
        # Headers only: HDF5 allocates contiguous storage when data is written, and chunks as
        # they are written, so these claim 10^12 elements in a few hundred bytes.
        huge.create_dataset("contiguous", shape=(10**6, 10**6), dtype="float32")
        huge.create_dataset("chunked", shape=(10**6, 10**6), dtype="float32", chunks=(100, 100))
        huge.create_dataset("unwritten", shape=(1000,), dtype="float32")

        links = f.create_group("links")
        links["soft"] = h5py.SoftLink("/data/f64")
        links["soft_group"] = h5py.SoftLink("/chunked")
        links["dangling"] = h5py.SoftLink("/no/such/thing")
        links["self_loop"] = h5py.SoftLink("/links/self_loop")
        links["up"] = h5py.SoftLink("/links")
        links["external"] = h5py.ExternalLink("other.h5", "/x")
        cycle = f.create_group("cycle")
        cycle["parent"] = cycle  # a hard link back to its own group


def write_dense_storage(path):
    """HDF5's newer formats, which Keras never writes: dense links and dense attributes."""
    with h5py.File(path, "w", libver="latest") as f:
        dense = f.create_group("dense_links")
        for i in range(12):  # more than 8 links: stored in a fractal heap
            dense[f"d{i}"] = np.float32(i)
        attrs = f.create_group("dense_attributes")
        for i in range(12):
            attrs.attrs[f"a{i}"] = f"value {i}"
        compact = f.create_group("compact")
        compact["x"] = np.arange(3, dtype="float32")
        compact.attrs["name"] = "compact"


def first_values(array):
    flat = np.asarray(array).reshape(-1)
    return [float(v) for v in flat[:FIRST_VALUES]]


def describe_h5(h5):
    datasets = []
    attributes = []

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            entry = {"path": "/" + name, "dtype": str(obj.dtype), "shape": list(obj.shape),
                     "stored_bytes": int(obj.id.get_storage_size())}
            # Values only for numbers actually stored: the huge datasets are headers only.
            if obj.dtype.kind in "fiu" and (entry["stored_bytes"] > 0 or obj.size == 0):
                value = obj[()]
                entry["first"] = first_values(value)
                entry["sum"] = float(np.asarray(value, dtype="float64").sum())
            datasets.append(entry)
        for key, value in obj.attrs.items():
            attributes.append(attribute_entry("/" + name, key, value))

    for key, value in h5.attrs.items():
        attributes.append(attribute_entry("/", key, value))
    h5.visititems(visit)
    return {"datasets": datasets, "attributes": attributes}


def attribute_entry(path, key, value):
    def text(v):
        return v.decode("utf8") if isinstance(v, bytes) else str(v)

    if isinstance(value, np.ndarray):
        kind = "strings" if value.dtype.kind in "SUO" or value.size == 0 else "numbers"
        return {"path": path, "name": key, "kind": kind,
                "list": [text(v) for v in value.reshape(-1)]}
    kind = "string" if isinstance(value, (bytes, str)) else "number"
    return {"path": path, "name": key, "kind": kind, "value": text(value)}


def generate(out):
    os.makedirs(out, exist_ok=True)
    model = build_model()
    paths = {name: os.path.join(out, name) for name in MODEL_FILES}
    model.save(paths["lstm_seq2seq.keras"])
    model.save(paths["lstm_seq2seq.h5"])
    model.save_weights(paths["lstm_seq2seq.weights.h5"])
    with h5py.File(paths["lstm_seq2seq_weights_legacy.h5"], "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)
    write_edge_cases(os.path.join(out, "edge_cases.h5"))
    write_dense_storage(os.path.join(out, "dense_storage.h5"))

    x = probe_input()
    listing = {
        "versions": {"keras": keras.__version__, "tensorflow": tf.__version__,
                     "h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version},
        "probe": {"shape": list(x.shape), "values": [float(v) for v in x.reshape(-1)],
                  "prediction": [float(v) for v in model.predict(x, verbose=0).reshape(-1)]},
        "files": {},
    }
    for name in MODEL_FILES + ["edge_cases.h5"]:
        path = os.path.join(out, name)
        if name.endswith(".keras"):
            with zipfile.ZipFile(path) as zf:
                entry = describe_h5(h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r"))
                entry["entries"] = zf.namelist()
        else:
            with h5py.File(path, "r") as f:
                entry = describe_h5(f)
        listing["files"][name] = entry
    with open(os.path.join(out, "fixtures.json"), "w") as f:
        json.dump(listing, f, separators=(",", ":"))
        f.write("\n")
    for name in MODEL_FILES + ["edge_cases.h5", "dense_storage.h5", "fixtures.json"]:
        print(f"{name}: {os.path.getsize(os.path.join(out, name))} bytes")


def max_abs(a, b):
    return float(np.max(np.abs(np.asarray(a, dtype="float64") - np.asarray(b, dtype="float64"))))


def compare_models(label, original, copy, x):
    """Predictions within TOLERANCE, weights and optimizer variables equal."""
    problems = []
    error = max_abs(original.predict(x, verbose=0), copy.predict(x, verbose=0))
    if error > TOLERANCE:
        problems.append(f"prediction error {error:.3g}")
    weights_a, weights_b = original.get_weights(), copy.get_weights()
    if len(weights_a) != len(weights_b) or any(
            a.shape != b.shape or not np.array_equal(a, b) for a, b in zip(weights_a, weights_b)):
        problems.append("weights differ")
    opt_a = getattr(original, "optimizer", None)
    opt_b = getattr(copy, "optimizer", None)
    optimizer_note = ""
    if opt_a is not None and opt_b is not None and opt_a.variables:
        vars_a = [np.asarray(v) for v in opt_a.variables]
        vars_b = [np.asarray(v) for v in opt_b.variables]
        if len(vars_a) != len(vars_b) or any(
                a.shape != b.shape or not np.array_equal(a, b) for a, b in zip(vars_a, vars_b)):
            problems.append("optimizer variables differ")
        optimizer_note = f", {len(vars_b)} optimizer variables equal" if not problems else ""
    status = "FAIL " + "; ".join(problems) if problems else "ok"
    print(f"{label}: {status} (max abs prediction error {error:.3g}, "
          f"{len(weights_b)} weights{optimizer_note})")
    return not problems


def verify(directory, originals):
    """Loads each original and its Java-written copy the same way and compares them."""
    x = probe_input()
    ok = True

    for name in ["lstm_seq2seq.keras", "lstm_seq2seq.h5"]:
        original = keras.models.load_model(os.path.join(originals, name))
        copy = keras.models.load_model(os.path.join(directory, name))
        ok &= compare_models(f"{name} (load_model)", original, copy, x)

    config = keras.models.load_model(os.path.join(originals, "lstm_seq2seq.keras")).to_json()
    for name in ["lstm_seq2seq.weights.h5", "lstm_seq2seq_weights_legacy.h5"]:
        original = keras.models.model_from_json(config)
        original.load_weights(os.path.join(originals, name))
        copy = keras.models.model_from_json(config)
        copy.load_weights(os.path.join(directory, name))
        ok &= compare_models(f"{name} (load_weights)", original, copy, x)

    with h5py.File(os.path.join(directory, "chunked_names.h5"), "r") as f:
        names = legacy_h5_format.load_attributes_from_hdf5_group(f["model_weights"],
                                                                 "weight_names")
        chunks = sorted(k for k in f["model_weights"].attrs if k.startswith("weight_names"))
    same = names == chunked_names()
    ok &= same
    print(f"chunked_names.h5 (load_attributes_from_hdf5_group): "
          f"{'ok' if same else 'FAIL'} ({len(names)} names in {len(chunks)} attributes)")
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="where the fixtures go")
    parser.add_argument("--verify", metavar="DIR",
                        help="load the files Java wrote into DIR and compare with --out")
    args = parser.parse_args()
    if args.verify:
        sys.exit(0 if verify(args.verify, args.out) else 1)
    generate(args.out)


if __name__ == "__main__":
    main()
