"""Loads a .keras or legacy .h5 file with Keras and replays a parity.json against it.

    python check_keras_file.py FILE [--reference PARITY.json] [--tolerance 1e-5] [--keras2]

FILE may come from anywhere (Keras itself, or ``seq2seq4j train ... --keras FILE`` and
``seq2seq4j convert``): Keras's own ``load_model`` opens it (compile=False, safe_mode=True for
.keras), its probe inputs go through ``model(x, training=False)``, and every output is compared
with the recorded one. The reference defaults to FILE's ``<name>.parity.json``, then the
parity.json in its folder. With --keras2 the file is loaded with tf_keras (Keras 2). Prints the
largest absolute error per output; exits 1 beyond the tolerance, 2 on bad input.
"""

import argparse
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")

import numpy as np  # noqa: E402


def reference_path(file, given):
    if given:
        return given
    stem = os.path.splitext(file)[0]
    for candidate in (stem + ".parity.json", os.path.join(os.path.dirname(file) or ".", "parity.json")):
        if os.path.isfile(candidate):
            return candidate
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help=".keras or .h5 model file")
    parser.add_argument("--reference", help="parity.json with probes and recorded outputs")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    parser.add_argument("--keras2", action="store_true", help="load with tf_keras (Keras 2)")
    args = parser.parse_args()

    if not os.path.isfile(args.file):
        print(f"error: {args.file} does not exist", file=sys.stderr)
        return 2
    ref = reference_path(args.file, args.reference)
    if ref is None or not os.path.isfile(ref):
        print(f"error: no reference parity.json for {args.file}", file=sys.stderr)
        return 2
    with open(ref, encoding="utf-8") as f:
        parity = json.load(f)

    if args.keras2:
        import tf_keras as keras
    else:
        import keras
    kwargs = {"compile": False}
    if args.file.endswith(".keras") and not args.keras2:
        kwargs["safe_mode"] = True
    model = keras.models.load_model(args.file, **kwargs)

    inputs = parity["probes"]["inputs"]
    names = [t.name.split(":")[0] for t in model.inputs] if not args.keras2 else \
        [t.name.split(":")[0] for t in model.inputs]
    # Probe inputs are keyed by Input layer name; feed them in the model's input order.
    layer_names = [getattr(t, "_keras_history", [None])[0] for t in model.inputs]
    order = [l.name if l is not None else n for l, n in zip(layer_names, names)]
    feeds = []
    for name in order:
        if name not in inputs:
            print(f"error: the reference has no probe input '{name}' (it has {sorted(inputs)})",
                  file=sys.stderr)
            return 2
        t = inputs[name]
        feeds.append(np.asarray(t["data"], dtype=t.get("dtype", "float32")).reshape(t["shape"]))
    results = model(feeds if len(feeds) > 1 else feeds[0], training=False)
    if not isinstance(results, (list, tuple)):
        results = [results]
    worst = 0.0
    expected = parity["probes"]["outputs"]
    if len(expected) != len(results):
        print(f"error: the model gives {len(results)} outputs, the reference {len(expected)}",
              file=sys.stderr)
        return 1
    for i, (name, want_t) in enumerate(expected.items()):
        want = np.asarray(want_t["data"], dtype=np.float32).reshape(want_t["shape"])
        got = np.asarray(results[i])
        if got.shape != want.shape:
            print(f"error: output {name} has shape {got.shape}, the reference {want.shape}",
                  file=sys.stderr)
            return 1
        err = float(np.max(np.abs(got - want))) if want.size else 0.0
        worst = max(worst, err)
        print(f"{name}: max abs error {err:.3e} over {want.size} values")
    passed = worst <= args.tolerance
    print(f"parity {'passed' if passed else 'FAILED'}: {args.file} loaded by Keras "
          f"{keras.__version__}, max abs error {worst:.3e} (tolerance {args.tolerance:g})")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
