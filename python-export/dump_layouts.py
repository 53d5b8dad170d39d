"""Measures the layouts of the Keras files in saved-models/ and writes keras-file-layouts.md.

    python dump_layouts.py [--models saved-models] [--out python-export/keras-file-layouts.md]

Reads the files with zipfile, json and h5py only (no Keras), so what it reports is what a
reader of the bytes sees. The role of each ``.keras`` weight (``vars/0`` is the kernel, ...)
is found by value: the zoo's weights are seeded random numbers, so every ``.keras`` dataset
has exactly one dataset with equal values in the legacy ``.h5`` file of the same model, whose
path names the variable.
"""

import argparse
import io
import json
import os
import re
import sys
import zipfile

import h5py
import numpy as np


# ---- reading ----

def h5_tree(f):
    """[(path, shape or None for a group, attrs)] in h5py's (alphabetical) order."""
    rows = []

    def visit(name, obj):
        shape = tuple(obj.shape) if isinstance(obj, h5py.Dataset) else None
        rows.append((name, shape, {k: obj.attrs[k] for k in obj.attrs}))
    f.visititems(visit)
    return rows


def keras_weights(path):
    with zipfile.ZipFile(path) as z:
        data = z.read("model.weights.h5")
    return h5py.File(io.BytesIO(data), "r")


def datasets(f):
    out = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            out[name] = obj[()]
    f.visititems(visit)
    return out


def text_list(value):
    return [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in list(value)]


def attr_text(value):
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return json.dumps(text_list(value)) if value.size else "[] (empty, float64)"
    return json.dumps(value) if isinstance(value, str) else str(value)


def legacy_layer_rows(f, layer):
    """weight_names and dataset paths of one layer group of a legacy .h5."""
    group = f["model_weights"][layer]
    names = text_list(group.attrs["weight_names"]) if group.attrs["weight_names"].size else []
    return names


def role_map(keras_file, h5_file):
    """.keras dataset path -> legacy .h5 dataset path holding the same values."""
    with keras_weights(keras_file) as kf, h5py.File(h5_file, "r") as hf:
        a = datasets(kf)
        b = {p: v for p, v in datasets(hf).items() if p.startswith("model_weights/")}
    roles = {}
    for path, value in a.items():
        same = [p for p, v in b.items() if v.shape == value.shape and np.array_equal(v, value)]
        roles[path] = same[0] if len(same) == 1 else None
    return roles


def config_layers(keras_file):
    with zipfile.ZipFile(keras_file) as z:
        return json.loads(z.read("config.json"))["config"]["layers"]


def _differs(forward, backward):
    """Whether a Bidirectional's backward layer is more than the forward one reversed."""
    ignore = ("name", "go_backwards")

    def strip(obj):  # shared_object_id is a memory address, different for every object
        if isinstance(obj, dict):
            return {k: strip(v) for k, v in obj.items() if k != "shared_object_id"}
        return obj
    f = {k: strip(v) for k, v in forward["config"].items() if k not in ignore}
    b = {k: strip(v) for k, v in backward["config"].items() if k not in ignore}
    return forward["class_name"] != backward["class_name"] or f != b


def kind_of(layer):
    """A layer class plus the options that change its weights."""
    cls = layer["class_name"]
    c = layer["config"]
    if cls in ("Bidirectional", "TimeDistributed"):
        inner = c["layer"]["class_name"]
        extra = ""
        backward = c.get("backward_layer")
        if cls == "Bidirectional" and backward and _differs(c["layer"], backward):
            extra = f", backward_layer={backward['class_name']}"
        return f"{cls}({inner}{extra})"
    if cls == "GRU":
        return f"GRU(reset_after={c.get('reset_after')})"
    if cls == "LSTM" and not c.get("use_bias", True):
        return "LSTM(use_bias=False)"
    if cls == "Attention":
        return f"Attention(use_scale={c.get('use_scale')}, score_mode={c.get('score_mode')!r})"
    return cls


# ---- writing ----

def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def shape_text(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def to_snake_case(name):
    """Keras's own rule (keras/src/utils/naming.py), which names the .keras weight groups."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def derived_keys(layers, sequential):
    """layer name -> ``layers/<key>`` as Keras derives it: snake-cased class name plus a
    counter, in the order of the config's layer list (a Sequential model's InputLayer has no
    group)."""
    counts, keys = {}, {}
    for layer in layers:
        if sequential and layer["class_name"] == "InputLayer":
            continue
        if str(layer.get("module", "")).startswith("keras.src.ops"):
            continue  # an operation node (NotEqual, Any from masks), not a layer
        base = to_snake_case(layer["class_name"])
        n = counts.get(base, 0)
        counts[base] = n + 1
        keys[layer["config"]["name"]] = base if n == 0 else f"{base}_{n}"
    return keys


def check_keys(kf, keys):
    """Every derived key exists; where Keras wrote ``vars`` names (3.6+), they agree."""
    for layer_name, key in keys.items():
        if key not in kf["layers"]:
            raise SystemExit(f"derived key {key} for {layer_name} missing in {list(kf['layers'])}")
        written = kf["layers"][key]["vars"].attrs.get("name")
        if written is not None and written != layer_name:
            raise SystemExit(f"layers/{key} holds {written}, expected {layer_name}")
    extra = set(kf["layers"]) - set(keys.values())
    if extra:
        raise SystemExit(f"groups without a layer: {sorted(extra)}")


def model_entries(models_dir, sub):
    """(model, .keras path, .h5 path or None, config) for each model folder under sub."""
    folder = os.path.join(models_dir, sub)
    for name in sorted(os.listdir(folder)):
        keras_file = os.path.join(folder, name, f"{name}.keras")
        if not os.path.isfile(keras_file):
            continue
        h5_file = os.path.join(folder, name, f"{name}.h5")
        with zipfile.ZipFile(keras_file) as z:
            config = json.loads(z.read("config.json"))
        yield name, keras_file, h5_file if os.path.isfile(h5_file) else None, config


def verify_keys(models_dir, subs):
    """Checks the naming rule on every .keras file; returns how many layers were checked."""
    checked = 0
    for sub in subs:
        for _, keras_file, _, config in model_entries(models_dir, sub):
            keys = derived_keys(config["config"]["layers"], config["class_name"] == "Sequential")
            with keras_weights(keras_file) as kf:
                check_keys(kf, keys)
            checked += len(keys)
    return checked


def section_layer_kinds(models_dir, sub, title, intro):
    out = [title, "", intro, ""]
    seen, weightless = {}, {}
    for name, keras_file, h5_file, config in model_entries(models_dir, sub):
        if h5_file is None:
            continue
        layers = config["config"]["layers"]
        keys = derived_keys(layers, config["class_name"] == "Sequential")
        for layer in layers:
            kind = kind_of(layer)
            layer_name = layer["config"]["name"]
            if (kind in seen or kind in weightless or layer["class_name"] == "InputLayer"
                    or layer_name not in keys):
                continue
            key = keys[layer_name]
            with keras_weights(keras_file) as kf:
                rows = [r for r in h5_tree(kf) if r[0].startswith(f"layers/{key}/")]
            with h5py.File(h5_file, "r") as hf:
                names = legacy_layer_rows(hf, layer_name)
            if not any(r[1] is not None for r in rows):
                weightless[kind] = (name, key)
                continue
            seen[kind] = (name, layer_name, key, rows, names, role_map(keras_file, h5_file))
    for kind, (model, layer_name, key, rows, names, roles) in seen.items():
        out.append(f"### {kind}")
        out.append("")
        out.append(f"`{sub}/{model}`, layer `{layer_name}`, `.keras` group `layers/{key}`.")
        out.append("")
        table = []
        for path, shape, attrs in rows:
            if shape is None:
                continue
            legacy = roles.get(path)
            legacy_short = legacy[len("model_weights/"):] if legacy else "?"
            entry = next((n for n in names if legacy and legacy.endswith("/" + n)), "?")
            table.append([f"`{path}`", shape_text(shape), f"`{legacy_short}`", f"`{entry}`"])
        out.append(md_table([".keras (model.weights.h5)", "shape", "legacy .h5 under model_weights/",
                             "weight_names entry"], table))
        groups = [f"`{p}`" + (f" name={attr_text(a['name'])}" if "name" in a else "")
                  for p, s, a in rows if s is None and p.endswith("/vars")]
        out.append("")
        out.append("`vars` groups: " + "; ".join(groups) + ".")
        out.append("")
    if weightless:
        out.append("### Layers without weights")
        out.append("")
        out.append("Each still has a `layers/<key>/vars` group without datasets in `.keras`, and "
                   "a `model_weights/<layer>` group whose `weight_names` is an empty float64 "
                   "array in the legacy `.h5`: "
                   + ", ".join(f"{k} (`{sub}/{v[0]}`, `layers/{v[1]}`)"
                               for k, v in sorted(weightless.items())) + ".")
        out.append("")
    return out


def section_archive(models_dir):
    out = ["## 1. `.keras` archives", ""]
    samples = [("Keras 3.8.0 Functional", "zoo/gru_state_functional/gru_state_functional.keras"),
               ("Keras 3.8.0 Sequential", "zoo/embedding_lstm/embedding_lstm.keras"),
               ("Keras 3.15.1", "keras-latest/encoder_decoder/encoder_decoder.keras"),
               ("tf_keras 2.18.0", "keras2/encoder_decoder/encoder_decoder.keras")]
    rows = []
    for label, rel in samples:
        path = os.path.join(models_dir, rel)
        if not os.path.isfile(path):
            continue
        with zipfile.ZipFile(path) as z:
            entries = z.namelist()
            meta = json.loads(z.read("metadata.json"))
            config = json.loads(z.read("config.json"))
        layer0 = config["config"]["layers"][1] if len(config["config"]["layers"]) > 1 else {}
        rows.append([label, f"`{rel}`", ", ".join(f"`{e}`" for e in entries),
                     ", ".join(f"`{k}`" for k in meta),
                     ", ".join(f"`{k}`" for k in config),
                     ", ".join(f"`{k}`" for k in config["config"]),
                     ", ".join(f"`{k}`" for k in layer0)])
    out.append(md_table(["writer", "file", "zip entries", "metadata.json keys", "config.json keys",
                         "config.json `config` keys", "keys of a layer entry"], rows))
    out.append("")
    out.append("`metadata.json` values: `keras_version` (e.g. `\"3.8.0\"`) and `date_saved` "
               "(`\"YYYY-MM-DD@HH:MM:SS\"`). `config.json` is the model's `get_config` wrapped "
               "with its class (`module`, `class_name`, `registered_name`) plus `build_config` "
               "and, once compiled, `compile_config`. Keras 3 writes a `shared_object_id` into "
               "objects that several layers could share (initializers, dtype policies): it is "
               "the Python object's memory address, so it changes on every save; equal ids mean "
               "one shared object.")
    out.append("")
    out.append("Inside `model.weights.h5` (all writers): no root attributes; a `layers/` group "
               "with one group per layer keyed by the snake-cased class name and a counter "
               "(`lstm`, `lstm_1`, `input_layer`, ...; section 2), not by the layer's name; each layer's "
               "own variables as `vars/0..n` (trainable, then non-trainable) and sub-objects as "
               "groups (`cell`, `layer`, `forward_layer`, `backward_layer`); a root `vars` "
               "group for the model itself. Keras 3.6+ puts a `name` attribute (the layer's "
               "name) on every `vars` group; tf_keras does not:")
    out.append("")
    for label, rel in [("Keras 3.8.0 Functional", "zoo/gru_state_functional/gru_state_functional.keras"),
                       ("Keras 3.8.0 Sequential", "zoo/embedding_lstm/embedding_lstm.keras"),
                       ("Keras 3.15.1", "keras-latest/encoder_decoder/encoder_decoder.keras"),
                       ("tf_keras 2.18.0", "keras2/encoder_decoder/encoder_decoder.keras")]:
        path = os.path.join(models_dir, rel)
        if not os.path.isfile(path):
            continue
        with keras_weights(path) as kf:
            tree = h5_tree(kf)
        out.append(f"{label}, `{rel}`:")
        out.append("")
        out.append("```")
        for p, shape, attrs in tree:
            extra = f" name={attrs['name']}" if "name" in attrs else ""
            out.append(f"{p}" + (f"  {shape_text(shape)}" if shape is not None else "") + extra)
        out.append("```")
        out.append("")
    return out


def section_legacy(models_dir):
    out = ["## 6. Legacy HDF5 (`model.save(\"x.h5\")`)", ""]
    samples = [("Keras 3.8.0 Sequential", "zoo/embedding_lstm/embedding_lstm.h5"),
               ("Keras 3.8.0 Functional", "zoo/gru_state_functional/gru_state_functional.h5"),
               ("Keras 3.15.1 Functional", "keras-latest/encoder_decoder/encoder_decoder.h5"),
               ("tf_keras 2.18.0 Functional", "keras2/encoder_decoder/encoder_decoder.h5"),
               ("tf_keras 2.18.0 Sequential", "keras2/bidirectional_lstm/bidirectional_lstm.h5")]
    for label, rel in samples:
        path = os.path.join(models_dir, rel)
        if not os.path.isfile(path):
            continue
        with h5py.File(path, "r") as f:
            root = {k: f.attrs[k] for k in f.attrs}
            tree = h5_tree(f)
        out.append(f"### {label}: `{rel}`")
        out.append("")
        out.append("Root attributes: " + ", ".join(
            f"`{k}` = {attr_text(v)}" if k not in ("model_config", "training_config")
            else f"`{k}` (JSON string)" for k, v in root.items()) + ".")
        out.append("")
        out.append("```")
        for p, shape, attrs in tree:
            line = p + (f"  {shape_text(shape)}" if shape is not None else "")
            for k, v in attrs.items():
                line += f"\n    @{k} = {attr_text(v)}"
            out.append(line)
        out.append("```")
        out.append("")
    out.append("Keras 3 writes `weight_names` as the variables' paths at build time (a Sequential "
               "model's name comes first: `embedding_lstm/lstm/lstm_cell/kernel`; functional "
               "layers start at the layer: `encoder/gru_cell/kernel`), tf_keras as the variable "
               "names with `:0` (`lstm/lstm_cell/kernel:0`). The datasets sit under "
               "`model_weights/<layer name>/` followed by that same path. Keras's own loader "
               "ignores the names: it assigns by order (`layer_names`, then each layer's "
               "`weight_names`).")
    out.append("")
    return out


def parse_saved_metadata(data):
    """SavedMetadata {repeated SavedObject nodes = 1} with SavedObject {int32 node_id = 2;
    string node_path = 3; string identifier = 4; string metadata = 5; version = 6}."""
    def varint(buf, i):
        shift = result = 0
        while True:
            b = buf[i]
            i += 1
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result, i
            shift += 7

    def fields(buf):
        i, out = 0, []
        while i < len(buf):
            key, i = varint(buf, i)
            number, wire = key >> 3, key & 7
            if wire == 0:
                value, i = varint(buf, i)
            elif wire == 2:
                n, i = varint(buf, i)
                value, i = buf[i:i + n], i + n
            elif wire == 5:
                value, i = buf[i:i + 4], i + 4
            elif wire == 1:
                value, i = buf[i:i + 8], i + 8
            else:
                raise ValueError(f"wire type {wire}")
            out.append((number, value))
        return out

    nodes = []
    for number, value in fields(data):
        if number == 1:
            node = {}
            for n, v in fields(value):
                node[{2: "node_id", 3: "node_path", 4: "identifier", 5: "metadata"}.get(n, n)] = v
            nodes.append(node)
    return nodes


def section_savedmodel(models_dir):
    out = ["## 7. Keras 2 SavedModel (`model.save(dir, save_format=\"tf\")`, tf_keras 2.18.0)", ""]
    path = os.path.join(models_dir, "keras2", "encoder_decoder", "savedmodel")
    meta = os.path.join(path, "keras_metadata.pb")
    if not os.path.isfile(meta):
        return []
    with open(meta, "rb") as f:
        nodes = parse_saved_metadata(f.read())
    out.append(f"`keras2/encoder_decoder/savedmodel/`: files "
               + ", ".join(f"`{p}`" for p in sorted(os.listdir(path))) + ". "
               f"`keras_metadata.pb` holds {len(nodes)} nodes:")
    out.append("")
    rows = []
    for node in nodes:
        m = json.loads(node["metadata"].decode("utf-8")) if node.get("metadata") else {}
        rows.append([node.get("node_id", 0), f"`{node['node_path'].decode()}`",
                     f"`{node['identifier'].decode()}`", m.get("class_name", ""),
                     ", ".join(f"`{k}`" for k in m)])
    out.append(md_table(["node_id", "node_path", "identifier", "class_name", "metadata keys"], rows))
    out.append("")
    root = json.loads(next(n for n in nodes if n["node_path"] == b"root")["metadata"])
    h5_path = os.path.join(models_dir, "keras2", "encoder_decoder", "encoder_decoder.h5")
    with h5py.File(h5_path, "r") as f:
        h5_config = json.loads(f.attrs["model_config"])
    plain = root["config"] == h5_config["config"]

    def normalise(obj):
        if isinstance(obj, dict):
            if obj.get("class_name") == "__tuple__" and set(obj) == {"class_name", "items"}:
                return [normalise(v) for v in obj["items"]]
            return {k: normalise(v) for k, v in obj.items()
                    if k not in ("module", "registered_name", "shared_object_id")}
        if isinstance(obj, list):
            return [normalise(v) for v in obj]
        return obj
    same = normalise(root["config"]) == normalise(h5_config["config"])
    out.append("The root node's metadata carries the model's `class_name` and `config` among "
               "other keys. Compared with `encoder_decoder.h5`'s `model_config`: `class_name` is "
               + ("equal" if root["class_name"] == h5_config["class_name"] else "different")
               + "; `config` is " + ("equal" if plain else
                                     "written in the older serialisation (tuples as "
                                     "`{\"class_name\": \"__tuple__\", \"items\": [...]}`, "
                                     "initializers without `module`/`registered_name` but with "
                                     "a `shared_object_id`), and "
                                     + ("equal after undoing that." if same
                                        else "differs beyond that too.")))
    out.append("")
    return out


def section_sharded(models_dir):
    folder = os.path.join(models_dir, "keras-latest", "lstm")
    index = os.path.join(folder, "lstm.weights.json")
    if not os.path.isfile(index):
        return []
    with open(index, encoding="utf-8") as f:
        text = f.read().strip()
    out = ["## 8. Keras 3.15 sharded weights and unzipped model folders", "",
           "`model.save_weights(\"lstm.weights.json\", max_shard_size=GB)` writes an index and "
           "shards `lstm_00000.weights.h5`, ... (`model.save` has no `max_shard_size` in 3.15). "
           "`keras-latest/lstm/lstm.weights.json`:", "", "```json", text, "```", ""]
    for shard in sorted(p for p in os.listdir(folder) if p.endswith(".weights.h5")
                        and p.startswith("lstm_")):
        with h5py.File(os.path.join(folder, shard), "r") as f:
            tree = h5_tree(f)
        out.append(f"`{shard}`: " + ", ".join(
            f"`{p}` {shape_text(s)}" for p, s, _ in tree if s is not None) + ".")
        out.append("")
    unzipped = os.path.join(folder, "lstm_unzipped")
    if os.path.isdir(unzipped):
        out.append("`model.save(\"lstm_unzipped\", zipped=False)` writes the archive's entries as "
                   "a folder: " + ", ".join(f"`{p}`" for p in sorted(os.listdir(unzipped))
                                            if p != "assets") + ".")
        out.append("")
    return out


TUTORIALS = ["."]  # the nine tutorial recipes directly under saved-models/


def section_keys(checked):
    return ["## 2. Which `layers/<key>` group belongs to which layer", "",
            "The key is the layer's class name in snake case (Keras's `to_snake_case`: drop "
            "non-word characters, then `re.sub(\"(.)([A-Z][a-z]+)\", r\"\\1_\\2\")`, then "
            "`re.sub(\"([a-z])([A-Z])\", r\"\\1_\\2\")`, lower case: `LSTM` -> `lstm`, "
            "`SimpleRNN` -> `simple_rnn`, `GlobalAveragePooling1D` -> "
            "`global_average_pooling1d`, `InputLayer` -> `input_layer`), plus `_1`, `_2`, ... "
            "for the second and later layers of the same class, counted in the order of the "
            "config's `layers` list. A Sequential model's InputLayer gets no group; a "
            "functional model's InputLayers do. Operation nodes of a functional config "
            "(`NotEqual`, `Any` from masks) get none. The layer's own name plays no part: in "
            "`zoo/gru_state_functional` the GRUs named `encoder` and `decoder` are "
            "`layers/gru` and `layers/gru_1`.", "",
            f"Checked by this script on every `.keras` file in saved-models/ ({checked} "
            "layers, Keras 3.8, 3.15 and tf_keras 2.18): each derived key exists, no group is "
            "left over, and where the writer records names (Keras 3.6+: a `name` attribute on "
            "each `vars` group) they are the layers' names, which also confirms the counting "
            "order. tf_keras records no names, so there only existence is checked.", ""]


def section_writers(models_dir):
    """Dataset paths of the same-named models as each writer stores them."""
    out = ["## 9. The same model from three writers", "",
           "Dataset paths inside `model.weights.h5` for models present under the same name in "
           "more than one folder (architectures as in each folder's README; only the paths are "
           "compared, not shapes):", ""]
    folders = [("zoo", "Keras 3.8.0"), ("keras-latest", "Keras 3.15.1"), ("keras2", "tf_keras 2.18.0")]
    names = {}
    for sub, _ in folders:
        for name, keras_file, _, _ in model_entries(models_dir, sub):
            with keras_weights(keras_file) as kf:
                paths = sorted(p for p, shape, _ in h5_tree(kf) if shape is not None)
            names.setdefault(name, {})[sub] = paths
    rows = []
    for name, by_sub in sorted(names.items()):
        if len(by_sub) < 2:
            continue
        reference = next(iter(by_sub.values()))
        verdict = "identical" if all(v == reference for v in by_sub.values()) else "different"
        rows.append([f"`{name}`", ", ".join(label for sub, label in folders if sub in by_sub),
                     verdict, " / ".join(str(len(by_sub[sub])) for sub, _ in folders
                                         if sub in by_sub)])
    out.append(md_table(["model", "written by", "dataset paths", "datasets"], rows))
    out.append("")
    return out


HEAD = """# Keras file layouts, measured

Generated by `python-export/dump_layouts.py` from the files in `saved-models/` (Keras 3.8.0
for the layer zoo and the tutorial models, Keras 3.15.1 for `keras-latest/`, tf_keras 2.18.0
for `keras2/`), reading bytes with zipfile, json and h5py. Rerun it after regenerating the files.
Shapes are as stored (row-major). Kernels are `[in, out]`; LSTM gates i, f, c, o and GRU gates
z, r, h are concatenated along the last axis.
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="saved-models")
    parser.add_argument("--out", default=os.path.join("python-export", "keras-file-layouts.md"))
    args = parser.parse_args()
    lines = [HEAD]
    lines += section_archive(args.models)
    checked = verify_keys(args.models, ["zoo", "keras2", "keras-latest"] + TUTORIALS)
    lines += section_keys(checked)
    lines += section_layer_kinds(
        args.models, "zoo", "## 3. Weights per layer class (Keras 3.8, layer zoo)",
        "One example per layer class and weight-changing option. Left: the dataset inside the "
        "`.keras` archive's `model.weights.h5`; right: the dataset holding the same values in "
        "the legacy `.h5` and that layer's `weight_names` entry.")
    lines += section_layer_kinds(
        args.models, "keras-latest", "## 4. Keras 3.15.1 (`keras-latest/`)",
        "The same tables for the Keras 3.15.1 subset.")
    lines += section_layer_kinds(
        args.models, "keras2", "## 5. tf_keras 2.18.0 (`keras2/`)",
        "The same tables for the tf_keras subset: tf_keras writes no `name` attributes, keeps "
        "the wrapped layer of a Bidirectional as an extra empty `layer` group, and names "
        "legacy weights with `:0`.")
    lines += section_legacy(args.models)
    lines += section_savedmodel(args.models)
    lines += section_sharded(args.models)
    lines += section_writers(args.models)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines).rstrip() + "\n")
    print(f"{args.out}: {len(lines)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
