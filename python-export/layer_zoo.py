"""The layer zoo: one small seeded Keras 3 model per layer and option, in every Keras format.

Each model is written to ``<out>/<name>/`` as

* a SavedModel (``model.export``, endpoint ``serving_default``, every Input named);
* ``<name>.keras`` (``model.save``) and ``<name>.h5`` (Keras 3's legacy HDF5 writer);
* ``parity.json``: model config, weight table, the signature as read back (with dtypes), seeded
  probe inputs and the outputs the *reloaded SavedModel* computed for them.

The ``.keras`` and ``.h5`` files are reloaded with ``load_model(compile=False)`` and must give
the SavedModel's outputs to within 1e-6. Nothing is trained: after building, every weight is
replaced by seeded values of a sensible scale (normal * 0.5, biases included, so every bias path
is exercised; BatchNormalization gets non-trivial moving statistics with positive variance).
The ``refuse_*`` models are written as ``.keras`` and ``.h5`` only: files a loader must refuse.

    python layer_zoo.py [--out saved-models/zoo] [--only NAME] [--seed 1] [--rows 16] [--list]
"""

import argparse
import contextlib
import io
import json
import os
import shutil
import sys

import parity_export as px
import reference_outputs as ro
from model_kit import name_seed, seeded_weights
from parity_export import keras, np, tf

ro.use_keras(False)
L = keras.layers

TOLERANCE = 1e-6
# Keras's predict and the exported graph run the same TensorFlow kernels but may fuse them
# differently; they must agree to this much before the SavedModel's outputs are recorded.
EXPORT_TOLERANCE = 1e-5
REFERENCE = ("Probe outputs are what the exported SavedModel's serving_default signature "
             "computed after tf.saved_model.load; the .keras and .h5 files reloaded with "
             "keras.models.load_model(compile=False) give the same outputs to within 1e-6.")

ZOO = {}


def zoo(name, covers, timesteps=6, scale=0.5, formats=("savedmodel", "keras", "h5"),
        notes=None):
    """Registers a model builder under ``name``."""
    def register(fn):
        ZOO[name] = {"build": fn, "covers": covers, "timesteps": timesteps, "scale": scale,
                     "formats": formats, "notes": notes}
        return fn
    return register


# Keras 3's functional models record the mask computations of Masking and Embedding(mask_zero)
# as operation nodes (NotEqual, Any) in their config. The .keras loader rebuilds them; the
# legacy HDF5 loader does not know them ("Unknown layer: 'NotEqual'"), so a masked *functional*
# model's .h5 cannot be reloaded by Keras itself and is not written. Sequential masked models
# keep their config a plain layer list and get an .h5.
NO_H5_MASKED = ("savedmodel", "keras")
H5_NOTE = ("no .h5: Keras 3 records the mask ops of a functional model as NotEqual/Any nodes, "
           "which its legacy HDF5 loader cannot rebuild (Unknown layer: 'NotEqual')")
REFUSE = ("keras", "h5")
# Keras 3.8's TimeDistributed compares the mask's shape with the input's in Python
# (`mask_shape[:2] != (batch_size, timesteps)`), which fails while model.export traces with an
# unknown batch size ("Using a symbolic `tf.Tensor` as a Python `bool` is not allowed").
TD_MASK_NOTE = ("no SavedModel: Keras 3.8's TimeDistributed checks a mask's shape with a Python "
                "comparison that model.export cannot trace (OperatorNotAllowedInGraphError); "
                "parity.json holds Keras's predict outputs instead")
# Keras 3.8's Attention subtracts 1e9 * (1 - value_mask) from scores (batch, Tq, Tv) with the
# mask still (batch, Tv): it fails unless batch == Tq and is wrong when it broadcasts (fixed
# upstream by keras-team/keras#21595, August 2025; Keras 3.15 has the fix, and keras-latest/
# holds the value-masked model).
VALUE_MASK_NOTE = ("the value input is not masked: Keras 3.8's Attention does not expand a "
                   "(batch, Tv) value mask to the scores' (batch, Tq, Tv), so a value mask fails "
                   "(or, when batch == Tq, broadcasts wrongly)")
REFERENCE_NO_SAVEDMODEL = ("Probe outputs are Keras's own predictions (predict, inference mode) of "
                           "the model that was saved; the .keras and .h5 files reloaded with "
                           "keras.models.load_model(compile=False) give the same outputs to "
                           "within 1e-6. No SavedModel was written for this model.")


def seq(name, input_shape, layers, dtype="float32", input_name="input"):
    return keras.Sequential([keras.Input(shape=input_shape, dtype=dtype, name=input_name)]
                            + layers, name=name)


# ---- recurrent core ----

@zoo("embedding_lstm", "int32 Input -> Embedding(30, 8) -> LSTM(6) -> Dense(4, softmax)")
def embedding_lstm():
    return seq("embedding_lstm", (None,), [L.Embedding(30, 8), L.LSTM(6),
                                          L.Dense(4, activation="softmax")], dtype="int32",
               input_name="tokens")


@zoo("embedding_float_gru", "float32 Input of token ids feeding Embedding(20, 6) -> GRU(5) -> Dense(3)")
def embedding_float_gru():
    return seq("embedding_float_gru", (None,), [L.Embedding(20, 6), L.GRU(5), L.Dense(3)],
               input_name="tokens")


@zoo("gru_reset_after", "GRU(5, return_sequences) (reset_after=True, bias (2, 15)) -> TimeDistributed(Dense(3))")
def gru_reset_after():
    return seq("gru_reset_after", (5, 3), [L.GRU(5, return_sequences=True),
                                          L.TimeDistributed(L.Dense(3))])


@zoo("gru_reset_before", "GRU(5, reset_after=False) (bias (15,)) -> Dense(3)")
def gru_reset_before():
    return seq("gru_reset_before", (5, 3), [L.GRU(5, reset_after=False), L.Dense(3)])


@zoo("gru_state_functional", "encoder GRU(return_state) -> decoder GRU(return_sequences, initial_state) -> Dense; two inputs; the GRUs named `encoder` and `decoder`, as users name them")
def gru_state_functional():
    enc_in = keras.Input((5, 3), name="encoder_input")
    dec_in = keras.Input((4, 2), name="decoder_input")
    _, state = L.GRU(6, return_state=True, name="encoder")(enc_in)
    dec = L.GRU(6, return_sequences=True, name="decoder")(dec_in, initial_state=state)
    out = L.Dense(3, activation="softmax")(dec)
    return keras.Model([enc_in, dec_in], out, name="gru_state_functional")


@zoo("simple_rnn", "SimpleRNN(5, return_sequences) -> SimpleRNN(4, go_backwards=True) -> Dense(2)")
def simple_rnn():
    return seq("simple_rnn", (5, 3), [L.SimpleRNN(5, return_sequences=True),
                                     L.SimpleRNN(4, go_backwards=True), L.Dense(2)])


@zoo("lstm_go_backwards_state", "LSTM(6, go_backwards, return_sequences, return_state): outputs [seq, h, c]")
def lstm_go_backwards_state():
    x = keras.Input((5, 3), name="input")
    outs = L.LSTM(6, go_backwards=True, return_sequences=True, return_state=True)(x)
    return keras.Model(x, outs, name="lstm_go_backwards_state")


@zoo("lstm_options", "LSTM(use_bias=False) -> LSTM(unit_forget_bias=False) -> LSTM(recurrent_activation=hard_sigmoid) -> Dense")
def lstm_options():
    return seq("lstm_options", (5, 3), [
        L.LSTM(5, use_bias=False, return_sequences=True),
        L.LSTM(5, unit_forget_bias=False, return_sequences=True),
        L.LSTM(4, recurrent_activation="hard_sigmoid"),
        L.Dense(2)])


# ---- Bidirectional ----

@zoo("bidirectional_concat", "Bidirectional(LSTM(4, return_sequences), merge_mode='concat') -> Dense(3)")
def bidirectional_concat():
    return seq("bidirectional_concat", (5, 3), [
        L.Bidirectional(L.LSTM(4, return_sequences=True)), L.Dense(3)])


@zoo("bidirectional_sum", "Bidirectional(GRU(4), merge_mode='sum') -> Dense(2)")
def bidirectional_sum():
    return seq("bidirectional_sum", (5, 3), [
        L.Bidirectional(L.GRU(4), merge_mode="sum"), L.Dense(2)])


@zoo("bidirectional_mul", "Bidirectional(SimpleRNN(4, return_sequences), merge_mode='mul')")
def bidirectional_mul():
    return seq("bidirectional_mul", (5, 3), [
        L.Bidirectional(L.SimpleRNN(4, return_sequences=True), merge_mode="mul")])


@zoo("bidirectional_ave", "Bidirectional(LSTM(4), merge_mode='ave') -> Dense(2)")
def bidirectional_ave():
    return seq("bidirectional_ave", (5, 3), [
        L.Bidirectional(L.LSTM(4), merge_mode="ave"), L.Dense(2)])


@zoo("bidirectional_none", "Bidirectional(GRU(4, return_sequences), merge_mode=None): outputs [forward, backward]")
def bidirectional_none():
    x = keras.Input((5, 3), name="input")
    outs = L.Bidirectional(L.GRU(4, return_sequences=True), merge_mode=None)(x)
    return keras.Model(x, outs, name="bidirectional_none")


@zoo("bidirectional_lstm_state", "Bidirectional(LSTM(4, return_sequences, return_state)): outputs [seq, fh, fc, bh, bc]")
def bidirectional_lstm_state():
    x = keras.Input((5, 3), name="input")
    outs = L.Bidirectional(L.LSTM(4, return_sequences=True, return_state=True))(x)
    return keras.Model(x, outs, name="bidirectional_lstm_state")


@zoo("bidirectional_backward_layer", "Bidirectional(LSTM(4), backward_layer=LSTM(4, activation='relu', go_backwards)) -> Dense(2)")
def bidirectional_backward_layer():
    # The Keras documentation's example of an explicit backward layer.
    forward = L.LSTM(4, return_sequences=True)
    backward = L.LSTM(4, activation="relu", return_sequences=True, go_backwards=True)
    return seq("bidirectional_backward_layer", (5, 3), [
        L.Bidirectional(forward, backward_layer=backward), L.Dense(2)])


# ---- dropout, merges ----

@zoo("dropout_layers", "Dropout(0.3) -> LSTM(dropout=0.2, recurrent_dropout=0.2) -> GRU(dropout=0.2, recurrent_dropout=0.1) -> Dense (inference)")
def dropout_layers():
    return seq("dropout_layers", (5, 3), [
        L.Dropout(0.3),
        L.LSTM(5, dropout=0.2, recurrent_dropout=0.2, return_sequences=True),
        L.GRU(4, dropout=0.2, recurrent_dropout=0.1),
        L.Dense(2)])


@zoo("merge_layers", "Add, Activation('relu'), Concatenate, LSTM(return_sequences), Permute((2, 1)), Dense; two inputs")
def merge_layers():
    a = keras.Input((5, 4), name="input_a")
    b = keras.Input((5, 4), name="input_b")
    summed = L.Activation("relu")(L.Add()([a, b]))
    x = L.Concatenate()([a, summed])
    x = L.LSTM(4, return_sequences=True)(x)
    x = L.Permute((2, 1))(x)
    out = L.Dense(3)(x)
    return keras.Model([a, b], out, name="merge_layers")


# ---- attention ----

def _attention_model(name, attention, with_key=False, scores=False):
    query_in = keras.Input((4, 3), name="query")
    value_in = keras.Input((6, 3), name="value")
    inputs = [query_in, value_in]
    q = L.LSTM(5, return_sequences=True)(query_in)
    v = L.GRU(5, return_sequences=True)(value_in)
    args = [q, v]
    if with_key:
        key_in = keras.Input((6, 3), name="key")
        inputs.append(key_in)
        args.append(L.LSTM(5, return_sequences=True)(key_in))
    if scores:
        context, weights = attention(args, return_attention_scores=True)
    else:
        context = attention(args)
    out = L.Dense(3)(L.Concatenate()([q, context]))
    return keras.Model(inputs, [out, weights] if scores else out, name=name)


@zoo("attention_dot", "Attention() over LSTM query and GRU value sequences, return_attention_scores: outputs [Dense, scores]")
def attention_dot():
    return _attention_model("attention_dot", L.Attention(), scores=True)


@zoo("attention_scaled", "Attention(use_scale=True) with a separate key: [query, value, key]")
def attention_scaled():
    return _attention_model("attention_scaled", L.Attention(use_scale=True), with_key=True)


@zoo("attention_concat_score", "Attention(score_mode='concat') over LSTM/GRU sequences")
def attention_concat_score():
    return _attention_model("attention_concat_score", L.Attention(score_mode="concat"))


@zoo("additive_attention", "AdditiveAttention() (use_scale=True) over LSTM/GRU sequences")
def additive_attention():
    return _attention_model("additive_attention", L.AdditiveAttention())


# ---- activations ----

ACTIVATIONS = ["tanh", "sigmoid", "hard_sigmoid", "relu", "elu", "selu", "softsign",
               "softplus", "linear", "swish", "silu", "gelu", "exponential", "softmax"]


def _activation_model(act):
    rnn_act = "tanh" if act == "softmax" else act
    return seq(f"act_{act}", (4, 3), [L.SimpleRNN(4, activation=rnn_act, return_sequences=True),
                                     L.Dense(3, activation=act)])


for _act in ACTIVATIONS:
    if _act == "softmax":
        _covers = "SimpleRNN(4, tanh, return_sequences) -> Dense(3, activation='softmax') (softmax: Dense only)"
    else:
        _covers = (f"SimpleRNN(4, activation='{_act}', return_sequences) -> "
                   f"Dense(3, activation='{_act}')")
    zoo(f"act_{_act}", _covers, scale=0.2 if _act == "exponential" else 0.5)(
        (lambda a: lambda: _activation_model(a))(_act))


# ---- encoder-decoders ----

@zoo("lstm_seq2seq", "Keras's character-level lstm_seq2seq example: encoder LSTM(return_state) -> [h, c]; decoder LSTM(return_sequences, return_state, initial_state) -> Dense(softmax); timesteps None",
     timesteps={"encoder_inputs": 7, "decoder_inputs": 5})
def lstm_seq2seq():
    tokens, latent = 8, 6
    encoder_inputs = keras.Input(shape=(None, tokens), name="encoder_inputs")
    encoder = L.LSTM(latent, return_state=True)
    _, state_h, state_c = encoder(encoder_inputs)
    decoder_inputs = keras.Input(shape=(None, tokens), name="decoder_inputs")
    decoder_lstm = L.LSTM(latent, return_sequences=True, return_state=True)
    decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=[state_h, state_c])
    decoder_outputs = L.Dense(tokens, activation="softmax")(decoder_outputs)
    return keras.Model([encoder_inputs, decoder_inputs], decoder_outputs, name="lstm_seq2seq")


@zoo("embedding_bigru_attention", "int inputs; Embedding -> Bidirectional(GRU(4, seq, state)) -> Concatenate([fh, bh]) as initial_state of decoder GRU(8) over Embedding; Attention([dec, enc]); Concatenate -> Dense(softmax)",
     timesteps={"source": 7, "target": 5})
def embedding_bigru_attention():
    units, source_vocab, target_vocab = 4, 20, 12
    source = keras.Input((None,), dtype="int32", name="source")
    target = keras.Input((None,), dtype="int32", name="target")
    enc = L.Embedding(source_vocab, 6)(source)
    enc_seq, fh, bh = L.Bidirectional(L.GRU(units, return_sequences=True, return_state=True))(enc)
    state = L.Concatenate()([fh, bh])
    dec = L.Embedding(target_vocab, 6)(target)
    dec_out = L.GRU(2 * units, return_sequences=True)(dec, initial_state=state)
    context = L.Attention()([dec_out, enc_seq])
    out = L.Dense(target_vocab, activation="softmax")(L.Concatenate()([dec_out, context]))
    return keras.Model([source, target], out, name="embedding_bigru_attention")


# ---- masking (padded probes: reference_outputs.make_probes pads inputs feeding a mask) ----

@zoo("masking_lstm", "Masking(0.0) -> LSTM(5, return_sequences) -> TimeDistributed(Dense(3)); padded probes",
     formats=("keras", "h5"), notes=TD_MASK_NOTE)
def masking_lstm():
    return seq("masking_lstm", (6, 3), [L.Masking(0.0), L.LSTM(5, return_sequences=True),
                                       L.TimeDistributed(L.Dense(3))])


@zoo("masking_lstm_dense", "Masking(0.0) -> LSTM(5, return_sequences) -> Dense(3) on the sequence (masking_lstm without TimeDistributed, so it exports); padded probes")
def masking_lstm_dense():
    return seq("masking_lstm_dense", (6, 3), [L.Masking(0.0), L.LSTM(5, return_sequences=True),
                                             L.Dense(3)])


@zoo("embedding_mask_zero_gru", "Embedding(20, 5, mask_zero=True) -> GRU(5) -> Dense(3); padded probes (token 0)")
def embedding_mask_zero_gru():
    return seq("embedding_mask_zero_gru", (None,), [L.Embedding(20, 5, mask_zero=True), L.GRU(5),
                                                   L.Dense(3)], dtype="int32", input_name="tokens")


@zoo("masked_bidirectional_gru", "Embedding(mask_zero=True) -> Bidirectional(GRU(4, return_sequences)) -> Dense(3); padded probes")
def masked_bidirectional_gru():
    return seq("masked_bidirectional_gru", (None,), [
        L.Embedding(20, 5, mask_zero=True), L.Bidirectional(L.GRU(4, return_sequences=True)),
        L.Dense(3)], dtype="int32", input_name="tokens")


@zoo("masked_lstm_state", "Masking(0.0) -> LSTM(5, return_state): outputs [out, h, c]; padded probes",
     formats=NO_H5_MASKED, notes=H5_NOTE)
def masked_lstm_state():
    x = keras.Input((6, 3), name="input")
    outs = L.LSTM(5, return_state=True)(L.Masking(0.0)(x))
    return keras.Model(x, outs, name="masked_lstm_state")


@zoo("masked_simple_rnn_backwards", "Masking(0.0) -> SimpleRNN(5, go_backwards, return_sequences) -> SimpleRNN(4, go_backwards); padded probes")
def masked_simple_rnn_backwards():
    return seq("masked_simple_rnn_backwards", (6, 3), [
        L.Masking(0.0), L.SimpleRNN(5, go_backwards=True, return_sequences=True),
        L.SimpleRNN(4, go_backwards=True)])


@zoo("masked_attention", "Embedding(mask_zero) query -> LSTM, Embedding value -> GRU -> Attention with a query mask (Keras 3.8 cannot apply a value mask); padded query probes",
     timesteps={"query": 5, "value": 7}, formats=NO_H5_MASKED,
     notes=H5_NOTE + "; " + VALUE_MASK_NOTE)
def masked_attention():
    query_in = keras.Input((None,), dtype="int32", name="query")
    value_in = keras.Input((None,), dtype="int32", name="value")
    q = L.LSTM(5, return_sequences=True)(L.Embedding(15, 4, mask_zero=True)(query_in))
    v = L.GRU(5, return_sequences=True)(L.Embedding(15, 4)(value_in))
    context = L.Attention()([q, v])
    out = L.Dense(3)(L.Concatenate()([q, context]))
    return keras.Model([query_in, value_in], out, name="masked_attention")


@zoo("masked_pooling", "Embedding(mask_zero) -> GlobalAveragePooling1D (averages unmasked steps only) and GlobalMaxPooling1D (ignores the mask, as Keras does): two outputs; padded probes",
     formats=NO_H5_MASKED, notes=H5_NOTE)
def masked_pooling():
    tokens = keras.Input((None,), dtype="int32", name="tokens")
    x = L.Embedding(20, 5, mask_zero=True)(tokens)
    return keras.Model(tokens, [L.GlobalAveragePooling1D()(x), L.GlobalMaxPooling1D()(x)],
                       name="masked_pooling")


# ---- layers around RNNs ----

@zoo("conv1d_valid", "Conv1D(4, 3, relu, padding='valid') -> LSTM(4) -> Dense(2)")
def conv1d_valid():
    return seq("conv1d_valid", (8, 3), [L.Conv1D(4, 3, activation="relu"), L.LSTM(4), L.Dense(2)])


@zoo("conv1d_same_strides", "Conv1D(4, 3, strides=2, padding='same') -> GRU(4)")
def conv1d_same_strides():
    return seq("conv1d_same_strides", (8, 3), [L.Conv1D(4, 3, strides=2, padding="same"),
                                              L.GRU(4)])


@zoo("conv1d_causal_dilation", "Conv1D(4, 2, padding='causal', dilation_rate=2) -> SimpleRNN(4, return_sequences)")
def conv1d_causal_dilation():
    return seq("conv1d_causal_dilation", (8, 3), [
        L.Conv1D(4, 2, padding="causal", dilation_rate=2), L.SimpleRNN(4, return_sequences=True)])


@zoo("pooling", "LSTM(4, return_sequences) -> MaxPooling1D(2), AveragePooling1D(3, 2, 'same'), MaxPooling1D(3, 1, 'same'), AveragePooling1D(2, 'valid'), GlobalAveragePooling1D, GlobalMaxPooling1D(keepdims): six outputs")
def pooling():
    x_in = keras.Input((8, 3), name="input")
    x = L.LSTM(4, return_sequences=True)(x_in)
    outs = [L.MaxPooling1D(2)(x),
            L.AveragePooling1D(3, strides=2, padding="same")(x),
            L.MaxPooling1D(3, strides=1, padding="same")(x),
            L.AveragePooling1D(2, padding="valid")(x),
            L.GlobalAveragePooling1D()(x),
            L.GlobalMaxPooling1D(keepdims=True)(x)]
    return keras.Model(x_in, outs, name="pooling")


@zoo("batch_norm", "LSTM(5, return_sequences) -> BatchNormalization() (moving mean/variance set) -> Dense(2)")
def batch_norm():
    return seq("batch_norm", (6, 3), [L.LSTM(5, return_sequences=True), L.BatchNormalization(),
                                     L.Dense(2)])


@zoo("layer_norm", "GRU(5, return_sequences) -> LayerNormalization() -> Dense(2)")
def layer_norm():
    return seq("layer_norm", (6, 3), [L.GRU(5, return_sequences=True), L.LayerNormalization(),
                                     L.Dense(2)])


@zoo("spatial_dropout", "Conv1D(4, 3) -> SpatialDropout1D(0.3) -> LSTM(4) (inference)")
def spatial_dropout():
    return seq("spatial_dropout", (8, 3), [L.Conv1D(4, 3), L.SpatialDropout1D(0.3), L.LSTM(4)])


@zoo("merge_more", "Multiply, Average, Subtract, Maximum -> Concatenate -> GRU; Dot(axes=(2, 2)); Dot(axes=1, normalize=True) of two LSTMs: three outputs")
def merge_more():
    a = keras.Input((5, 4), name="input_a")
    b = keras.Input((5, 4), name="input_b")
    merged = L.Concatenate()([L.Multiply()([a, b]), L.Average()([a, b]), L.Subtract()([a, b]),
                              L.Maximum()([a, b])])
    rnn = L.GRU(4)(merged)
    dot = L.Dot(axes=(2, 2))([a, b])
    cosine = L.Dot(axes=1, normalize=True)([L.LSTM(4)(a), L.LSTM(4)(b)])
    return keras.Model([a, b], [rnn, dot, cosine], name="merge_more")


# ---- files a loader must refuse ----

@zoo("refuse_lambda", "a Lambda layer (Python bytecode in the config): must be refused",
     formats=REFUSE)
def refuse_lambda():
    # Compiled under a neutral file name: the marshalled bytecode Keras stores records it.
    double = eval(compile("lambda t: t * 2.0", "refuse_lambda", "eval"))  # noqa: S307
    return seq("refuse_lambda", (4, 3), [L.LSTM(4), L.Lambda(double), L.Dense(2)])


@zoo("refuse_stateful", "stateful LSTM with a fixed batch size of 2: must be refused",
     formats=REFUSE)
def refuse_stateful():
    return keras.Sequential([keras.Input(batch_shape=(2, 4, 3), name="input"),
                             L.LSTM(4, stateful=True), L.Dense(2)], name="refuse_stateful")


# ---- weights, files, parity ----

def redraw_until_informative(model, rng, spec, name, rows, seed):
    """Draws the weights again (same generator, so still deterministic) while an output is
    constant on the probes, e.g. a relu Dense whose seeded biases keep every unit at 0."""
    probe_seed = name_seed(seed + px.PROBE_SEED_OFFSET, name)
    probes, _ = ro.make_probes(model, rows, probe_seed, spec["timesteps"])
    for _ in range(20):
        if all(float(np.std(o)) > 1e-2 for o in outputs_list(model, probes)):
            return
        seeded_weights(model, rng, spec["scale"])
    raise SystemExit(f"{name}: an output stays constant whatever the weights")


def outputs_list(model, probes):
    return ro.predict(model, probes)


def max_abs(a, b):
    if len(a) != len(b):
        raise SystemExit(f"{len(a)} outputs against {len(b)}")
    worst = 0.0
    for x, y in zip(a, b):
        if x.shape != y.shape:
            raise SystemExit(f"output shape {x.shape} against {y.shape}")
        worst = max(worst, float(np.max(np.abs(x.astype(np.float64) - y))) if x.size else 0.0)
    return worst


def export_savedmodel(model, target, probes):
    """Exports, reloads, and returns (signature, outputs in model output order)."""
    with contextlib.redirect_stdout(io.StringIO()):
        model.export(target, format="tf_saved_model", verbose=False)
    loaded = tf.saved_model.load(target)
    signature = px.read_signature(loaded)
    names = [s["name"] for s in signature["inputs"]]
    if sorted(names) != sorted(probes):
        raise SystemExit(f"{target}: signature inputs {names}, model inputs {list(probes)}")
    dtypes = {s["name"]: s["dtype"] for s in signature["inputs"]}
    feeds = {n: tf.constant(a, dtype=dtypes[n]) for n, a in probes.items()}
    result = loaded.signatures[px.SIGNATURE](**feeds)
    keys = sorted(result, key=lambda k: int(k.rsplit("_", 1)[-1]))
    if keys != [f"output_{i}" for i in range(len(keys))]:
        raise SystemExit(f"{target}: unexpected output names {keys}")
    return signature, [result[k].numpy() for k in keys]


def write_model(name, spec, out_dir, seed, rows):
    keras.backend.clear_session()  # default layer names count from zero for every model
    keras.utils.set_random_seed(seed)
    model = spec["build"]()
    rng = np.random.default_rng(name_seed(seed, name))
    seeded_weights(model, rng, spec["scale"])
    if not name.startswith("refuse_"):
        redraw_until_informative(model, rng, spec, name, rows, seed)
    target = os.path.join(out_dir, name)
    if os.path.exists(target):
        shutil.rmtree(target)
    if name.startswith("refuse_"):
        # Written only: not reloaded (a Lambda needs safe_mode=False) and not probed.
        os.makedirs(target)
        files = []
        for kind in spec["formats"]:
            model.save(os.path.join(target, f"{name}.{kind}"))
            files.append(f"{name}.{kind}")
        print(f"{name}: {', '.join(files)}", flush=True)
        return
    probe_seed = name_seed(seed + px.PROBE_SEED_OFFSET, name)
    probes, padding = ro.make_probes(model, rows, probe_seed, spec["timesteps"])
    keras_out = outputs_list(model, probes)
    for o in keras_out:
        if not np.all(np.isfinite(o)):
            raise SystemExit(f"{name}: non-finite outputs; lower the weight scale")

    formats = spec["formats"]
    os.makedirs(target)
    diffs = {}
    if "savedmodel" in formats:
        os.rmdir(target)
        signature, reference = export_savedmodel(model, target, probes)
        diffs["keras_vs_savedmodel"] = max_abs(keras_out, reference)
        if diffs["keras_vs_savedmodel"] > EXPORT_TOLERANCE:
            raise SystemExit(f"{name}: the SavedModel differs from Keras by "
                             f"{diffs['keras_vs_savedmodel']}")
    else:
        signature, reference = None, keras_out
    files = []
    for kind in ("keras", "h5"):
        if kind not in formats:
            continue
        path = os.path.join(target, f"{name}.{kind}")
        model.save(path)
        files.append(os.path.basename(path))
        reloaded = keras.models.load_model(path, compile=False)
        diffs[kind] = max_abs(outputs_list(reloaded, probes), reference)
        if diffs[kind] > TOLERANCE:
            raise SystemExit(f"{name}: {kind} reloaded differs from the SavedModel by {diffs[kind]}")

    parity = {
        "recipe": name,
        "seed": seed,
        "covers": spec["covers"],
        "versions": dict(px.versions(), keras_api="keras"),
        "model_config": json.loads(model.to_json()),
        "weights": px.weight_table(model),
        "signature": signature,
        "probe_seed": probe_seed,
        "probes": ro.probes_json(probes, reference),
        "reference": REFERENCE if "savedmodel" in formats else REFERENCE_NO_SAVEDMODEL,
        "files": (["saved_model.pb", "variables/"] if "savedmodel" in formats else []) + files,
        "max_abs_diff": diffs,
    }
    if spec["notes"]:
        parity["notes"] = spec["notes"]
    if padding:
        parity["padding"] = padding
    ro.write(parity, os.path.join(target, "parity.json"))
    print(f"{name}: {', '.join((['savedmodel'] if 'savedmodel' in formats else []) + files)}; "
          + ", ".join(f"{k} {v:.1e}" for k, v in diffs.items()), flush=True)


def _inputs_text(config):
    parts = []
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "InputLayer":
            c = layer["config"]
            shape = ", ".join("None" if d is None else str(d) for d in c["batch_shape"])
            parts.append(f"`{c['name']}` {c['dtype']} ({shape})")
    return "; ".join(parts)


def write_readme(out_dir):
    """saved-models/zoo/README.md from what is on disk."""
    import zipfile
    rows = []
    for name, spec in ZOO.items():
        folder = os.path.join(out_dir, name)
        if not os.path.isdir(folder):
            continue
        keras_file = os.path.join(folder, f"{name}.keras")
        with zipfile.ZipFile(keras_file) as z:
            config = json.loads(z.read("config.json"))
            version = json.loads(z.read("metadata.json"))["keras_version"]
        present = []
        if os.path.isfile(os.path.join(folder, "saved_model.pb")):
            present.append("SavedModel")
        for kind in ("keras", "h5"):
            if os.path.isfile(os.path.join(folder, f"{name}.{kind}")):
                present.append(f".{kind}")
        if os.path.isfile(os.path.join(folder, "parity.json")):
            present.append("parity.json")
        rows.append(f"| `{name}` | {spec['covers']} | {_inputs_text(config)} | "
                    f"{', '.join(present)} | {version} |")
    worst, worst_name = 0.0, None
    for name in ZOO:
        path = os.path.join(out_dir, name, "parity.json")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                diffs = json.load(f).get("max_abs_diff", {})
            for kind in ("keras", "h5"):
                if diffs.get(kind, 0.0) > worst:
                    worst, worst_name = diffs[kind], name
    measured = f"at most {worst:.1e}, for `{worst_name}`" if worst_name else "0 for all"
    skipped = [f"- `{name}`: {spec['notes']}." for name, spec in ZOO.items() if spec["notes"]]
    text = ZOO_README.format(table="\n".join(rows), skipped="\n".join(skipped),
                             measured=measured)
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)


ZOO_README = """# Layer zoo

One small Keras model per layer and option, written by `python-export/layer_zoo.py` with
Keras 3.8 / TensorFlow 2.18 (CPU). Nothing is trained: every weight is drawn from a seeded
normal distribution times 0.5 (biases too, so every bias path counts; 0.2 for `act_exponential`),
BatchNormalization gets moving variances in [0.5, 1.5) and gammas around 1, attention scales
lie in [0.5, 1.5). A draw that leaves some output constant on the probes is drawn again.

Each folder `<name>/` holds

- a SavedModel (`saved_model.pb`, `variables/`; Keras 3 `model.export`, signature
  `serving_default`, inputs named after the Input layers, outputs `output_0`, `output_1`, ... in
  model output order);
- `<name>.keras` (`model.save`) and `<name>.h5` (Keras 3's legacy HDF5 writer);
- `parity.json`: `recipe`, `seed`, `covers`, `versions` (with `keras_api`), `model_config`
  (`model.to_json()`), `weights` (`{{layer, path, shape}}` in `model.weights` order), `signature`
  (inputs/outputs with dtype and shape, `null` for unknown dimensions), `probe_seed`, `probes`
  (16 rows; `inputs` by signature input name, `outputs` `output_0`, ...; each `{{dtype, shape,
  data}}`, data flat row-major, float32 at full precision, int32 inputs as integers),
  `padding` for masked inputs (`mask_value`, per-row `lengths` and `side`), `reference`, `files`,
  `max_abs_diff` (Keras's predict against the SavedModel, and each reloaded file against it)
  and, where a format is missing, `notes`.

The probe outputs are what the reloaded SavedModel computed (for `masking_lstm`, which has
none, Keras's predict); the `.keras` and `.h5` files
reloaded with `keras.models.load_model(compile=False)` reproduce them to within 1e-6 (measured:
0 for most models, {measured}; `max_abs_diff` in each parity.json). Probes are drawn as
`reference_outputs.py` draws them: floats uniform in [0, 1), Embedding inputs integers in
[0, input_dim), open timestep dimensions 6 unless the table says otherwise; an input that feeds
Masking or Embedding(mask_zero=True) is padded, the first half of the rows at the end and the
second half at the start, each row with its own true length (first and last rows full length).

| model | covers | inputs | files | Keras |
|---|---|---|---|---|
{table}

`lstm_seq2seq` probes use 7 encoder and 5 decoder timesteps, `embedding_bigru_attention` 7
source and 5 target tokens, `masked_attention` 5 query and 7 value tokens.

## Formats Keras could not write or read back

{skipped}
- `refuse_lambda`, `refuse_stateful`: `.keras` and `.h5` only, on purpose: a loader must refuse
  them (a Lambda carries Python bytecode; a stateful LSTM has a fixed batch size and carries state
  between calls). Keras saves both without complaint.

## Things worth knowing when reading these files

- Keras 3 functional models record the masks of Masking and Embedding(mask_zero=True) as
  operation nodes in `config.json`/`model_config` (`"class_name": "NotEqual"` / `"Any"`,
  `"module": "keras.src.ops.numpy"`), and the RNN, pooling and attention nodes take them as
  `kwargs.mask`. Sequential configs are plain layer lists without them.
- GlobalMaxPooling1D ignores masks in Keras (padded steps take part in the max);
  GlobalAveragePooling1D averages only unmasked steps.
- Keras 3.8's Attention cannot apply a value mask (see `masked_attention`); the query mask
  zeroes the outputs at padded query steps.
- `swish` and `silu` are one function in Keras 3 and both are stored as `"activation": "silu"`:
  `act_swish` and `act_silu` have identical configs apart from their names.
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("saved-models", "zoo"))
    parser.add_argument("--only", action="append", choices=sorted(ZOO))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=16, help="probe rows per model")
    parser.add_argument("--list", action="store_true", help="print the model names and exit")
    parser.add_argument("--readme", action="store_true",
                        help="only rewrite <out>/README.md from the files present")
    args = parser.parse_args()
    if args.list:
        for name, spec in ZOO.items():
            print(f"{name}\t{spec['covers']}")
        return 0
    if args.readme:
        write_readme(args.out)
        return 0
    tf.config.experimental.enable_op_determinism()
    os.makedirs(args.out, exist_ok=True)
    for name in args.only or list(ZOO):
        write_model(name, ZOO[name], args.out, args.seed, args.rows)
    write_readme(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
