"""A Keras 2 HDF5 file whose layer_names attribute Keras splits into chunks.

HDF5 keeps an attribute in the object header, which holds about 64 KB; Keras's
``save_attributes_to_hdf5_group`` therefore splits a longer list into ``layer_names0``,
``layer_names1``, ... (and its loader joins them). Real models reach that with hundreds of
layers; this one reaches it with 70 small Dense layers whose names are 1000 characters long.
Run with the Keras 2 venv (requirements-keras2.txt); the reference is then written by
``reference_outputs.py --keras2``:

    python chunked_names.py [--out saved-models/keras2/chunked_names]
"""

import argparse
import os
import sys

import h5py
import numpy as np
import tf_keras as keras

LAYERS = 70
NAME_LENGTH = 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("saved-models", "keras2", "chunked_names"))
    args = parser.parse_args()
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input((3,))] + [
        keras.layers.Dense(3, activation="tanh", name=f"dense_{i:02d}_".ljust(NAME_LENGTH, "x"))
        for i in range(LAYERS)], name="chunked_names")
    rng = np.random.default_rng(1)
    for w in model.weights:
        w.assign(rng.normal(0, 0.5, w.shape).astype("float32"))
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "chunked_names.h5")
    model.save(path)
    with h5py.File(path, "r") as f:
        chunks = sorted(k for k in f["model_weights"].attrs if k.startswith("layer_names"))
    if "layer_names" in chunks or len(chunks) < 2:
        raise SystemExit(f"expected layer_names in chunks, found {chunks}")
    print(f"{path}: {LAYERS} layers, layer_names in {len(chunks)} chunks ({', '.join(chunks)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
