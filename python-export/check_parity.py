"""Replays a parity.json against its SavedModel in Python TensorFlow.

    python check_parity.py DIR [--tolerance 1e-5]

DIR holds a SavedModel and the parity.json written beside it, by python-export or by the Java
side (``seq2seq4j train RECIPE --export DIR``). The probe inputs are fed through the
``serving_default`` signature and every output is compared with the recorded one. Prints the
maximum absolute error per output and exits 1 if any exceeds the tolerance, 2 on bad input.
"""

import argparse
import json
import os
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", help="SavedModel folder with parity.json")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()

    parity_path = os.path.join(args.dir, "parity.json")
    if not os.path.isfile(os.path.join(args.dir, "saved_model.pb")):
        print(f"error: {args.dir} holds no saved_model.pb", file=sys.stderr)
        return 2
    if not os.path.isfile(parity_path):
        print(f"error: {args.dir} holds no parity.json", file=sys.stderr)
        return 2
    with open(parity_path, encoding="utf-8") as f:
        parity = json.load(f)

    import tensorflow as tf  # imported late: slow, and not needed for the argument errors

    signature = parity["signature"]["name"]
    fn = tf.saved_model.load(args.dir).signatures[signature]
    # Probe tensors record their dtype when it is not float32 (int32 inputs of Embeddings).
    feeds = {
        name: tf.constant(np.asarray(t["data"], dtype=t.get("dtype", "float32")).reshape(t["shape"]))
        for name, t in parity["probes"]["inputs"].items()
    }
    results = fn(**feeds)
    worst = 0.0
    for name, expected in parity["probes"]["outputs"].items():
        want = np.asarray(expected["data"], dtype=np.float32).reshape(expected["shape"])
        got = results[name].numpy()
        if got.shape != want.shape:
            print(f"error: output {name} has shape {got.shape}, parity.json {want.shape}",
                  file=sys.stderr)
            return 1
        err = float(np.max(np.abs(got - want))) if want.size else 0.0
        worst = max(worst, err)
        print(f"{name}: max abs error {err:.3e} over {want.size} values")
    producer = parity.get("versions", {}).get("producer", "python-export")
    passed = worst <= args.tolerance
    print(f"parity {'passed' if passed else 'FAILED'}: {parity.get('recipe')} written by {producer}, "
          f"TensorFlow {tf.__version__}, max abs error {worst:.3e} (tolerance {args.tolerance:g})")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
