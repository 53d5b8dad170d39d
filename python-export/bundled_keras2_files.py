"""The model subset of keras2_files.py written by a Keras 2 bundled with TensorFlow (2.13-2.15).

Before tf_keras, TensorFlow shipped its own Keras 2. Two of its ``.keras`` layouts matter: tf.keras
2.13 keeps the layers of ``model.weights.h5`` under ``_layer_checkpoint_dependencies`` (later
``.keras`` files use ``layers``), and 2.15 is the last Keras 2 before Keras 3. Both compute
Keras 2's maths (``hard_sigmoid`` is ``clip(0.2x + 0.5, 0, 1)``). Run with a venv holding
requirements-keras213.txt or requirements-keras215.txt. Each model of ``model_kit.SUBSET``
(same builders, seeds and weights as the other Keras files) is written to ``<out>/<name>/`` as
``<name>.keras``, ``<name>.h5`` and ``parity.json`` with Keras's own predictions on seeded
probes; both files are reloaded with ``load_model(compile=False)`` and must reproduce the
predictions to within 1e-6.

    python bundled_keras2_files.py [--out saved-models/keras2NN] [--only NAME] [--seed 1]
"""

import os
import sys

import keras_latest_files as files
from model_kit import SUBSET

VERSION = files.keras.__version__
if VERSION.split(".")[:2] not in (["2", "13"], ["2", "14"], ["2", "15"]):
    raise SystemExit(f"needs the Keras 2.13-2.15 bundled with TensorFlow, found {VERSION}")

# Only the shared subset: sharded and unzipped saving are Keras 3.10+ features.
files.MODELS = dict(SUBSET)
files.SHARDED = None


if __name__ == "__main__":
    major, minor = VERSION.split(".")[:2]
    sys.exit(files.main(__doc__, os.path.join("saved-models", f"keras{major}{minor}")))
