"""Helpers shared by the scripts that write seeded, untrained Keras models.

Works with Keras 3 and with tf_keras (Keras 2).
"""

import zlib

import numpy as np


def name_seed(seed, name):
    """A seed that depends on the run seed and the model name, not on the order of models."""
    return int(seed) * 1_000_003 + zlib.crc32(name.encode("utf-8"))


def _leaf(weight):
    path = getattr(weight, "path", None) or weight.name
    return path.split("/")[-1].split(":")[0]


def seeded_weights(model, rng, scale=0.5):
    """Replaces every weight with seeded values of a sensible scale.

    normal * scale for kernels, recurrent kernels, biases and embeddings (so every bias path
    is exercised); BatchNormalization moving variances in [0.5, 1.5) and gammas around 1;
    attention scales in [0.5, 1.5).
    """
    for w in model.weights:
        shape = tuple(int(d) for d in w.shape)
        leaf = _leaf(w)
        if leaf == "moving_variance":
            value = rng.uniform(0.5, 1.5, size=shape)
        elif leaf == "gamma":
            value = 1.0 + 0.2 * rng.standard_normal(shape)
        elif leaf == "scale":
            value = rng.uniform(0.5, 1.5, size=shape)
        else:
            value = scale * rng.standard_normal(shape)
        w.assign(value.astype(np.float32))
