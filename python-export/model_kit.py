"""Helpers shared by layer_zoo.py, keras2_files.py and keras_latest_files.py.

Works with Keras 3 and with tf_keras (Keras 2): every function takes the ``keras`` module it
should use, so the same subset of models can be written by each Keras version.
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


# ---- the subset written by Keras 2 (tf_keras) and by the newest Keras 3 ----

def _seq(keras, name, input_shape, layers, dtype="float32", input_name="input"):
    return keras.Sequential([keras.Input(shape=input_shape, dtype=dtype, name=input_name)]
                            + layers, name=name)


def lstm(keras):
    L = keras.layers
    return _seq(keras, "lstm", (5, 3), [L.LSTM(6), L.Dense(2)])


def gru_reset_after(keras):
    L = keras.layers
    return _seq(keras, "gru_reset_after", (5, 3), [L.GRU(5, reset_after=True, return_sequences=True),
                                                  L.TimeDistributed(L.Dense(3))])


def gru_reset_before(keras):
    L = keras.layers
    return _seq(keras, "gru_reset_before", (5, 3), [L.GRU(5, reset_after=False), L.Dense(2)])


def simple_rnn(keras):
    L = keras.layers
    return _seq(keras, "simple_rnn", (5, 3), [L.SimpleRNN(5, return_sequences=True),
                                             L.SimpleRNN(4, go_backwards=True)])


def bidirectional_lstm(keras):
    L = keras.layers
    return _seq(keras, "bidirectional_lstm", (5, 3), [
        L.Bidirectional(L.LSTM(4, return_sequences=True)), L.TimeDistributed(L.Dense(3))])


def embedding_lstm(keras):
    L = keras.layers
    return _seq(keras, "embedding_lstm", (None,), [L.Embedding(30, 8), L.LSTM(6),
                                                  L.Dense(4, activation="softmax")],
                dtype="int32", input_name="tokens")


def lstm_hard_sigmoid(keras):
    L = keras.layers
    return _seq(keras, "lstm_hard_sigmoid", (5, 3), [L.LSTM(5, recurrent_activation="hard_sigmoid"),
                                                    L.Dense(2)])


def encoder_decoder(keras):
    L = keras.layers
    enc_in = keras.Input((5, 3), name="encoder_input")
    dec_in = keras.Input((4, 2), name="decoder_input")
    _, h, c = L.LSTM(6, return_state=True)(enc_in)
    dec = L.LSTM(6, return_sequences=True)(dec_in, initial_state=[h, c])
    out = L.Dense(3, activation="softmax")(dec)
    return keras.Model([enc_in, dec_in], out, name="encoder_decoder")


def masking_lstm(keras):
    L = keras.layers
    return _seq(keras, "masking_lstm", (6, 3), [L.Masking(0.0), L.LSTM(5, return_sequences=True),
                                               L.TimeDistributed(L.Dense(3))])


SUBSET = {
    "lstm": (lstm, "LSTM(6) -> Dense(2)"),
    "gru_reset_after": (gru_reset_after, "GRU(5, reset_after=True, return_sequences) -> TimeDistributed(Dense(3))"),
    "gru_reset_before": (gru_reset_before, "GRU(5, reset_after=False) -> Dense(2)"),
    "simple_rnn": (simple_rnn, "SimpleRNN(5, return_sequences) -> SimpleRNN(4, go_backwards=True)"),
    "bidirectional_lstm": (bidirectional_lstm, "Bidirectional(LSTM(4, return_sequences)) -> TimeDistributed(Dense(3))"),
    "embedding_lstm": (embedding_lstm, "int32 Input -> Embedding(30, 8) -> LSTM(6) -> Dense(4, softmax)"),
    "lstm_hard_sigmoid": (lstm_hard_sigmoid, "LSTM(5, recurrent_activation='hard_sigmoid') -> Dense(2)"),
    "encoder_decoder": (encoder_decoder, "encoder LSTM(6, return_state) -> decoder LSTM(6, return_sequences, initial_state=[h, c]) -> Dense(3, softmax); two inputs"),
    "masking_lstm": (masking_lstm, "Masking(0.0) -> LSTM(5, return_sequences) -> TimeDistributed(Dense(3)); padded probes"),
}
