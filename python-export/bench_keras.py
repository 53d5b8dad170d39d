"""Keras's side of ``seq2seq4j bench``: the same workloads, timed the ways Keras users train.

The Java benchmark writes a spec (``--spec``): every training workload with its model as the
Keras config written from the Java model (so both sides train the same architecture), batch
size and step count; the shapes of one training step's matrix products; the exported adder
for inference. This script measures, for thread counts 1 and 2 (each in its own process,
because TensorFlow fixes its thread pools when it starts):

* training, four ways: a ``fit`` per epoch (as the tutorials write it), one ``fit`` over all
  epochs, a ``train_on_batch`` loop, and one ``fit`` compiled with XLA (``jit_compile=True``);
  milliseconds per step, median over the counted epochs, warm-up epochs excluded;
* the step's matrix products in numpy (the same shapes in a tight loop);
* inference on the exported adder: load times of the ``.keras`` file and the SavedModel,
  one-sample latency of ``predict``, ``predict_on_batch`` and a direct call, and batch-1000
  throughput;
* peak resident memory of the process.

Then, at each workload's faster thread count, one full recipe as the tutorial trains it. The
results go to ``--out`` as JSON for the Java side, which sets them beside its own as ratios.

    python bench_keras.py --spec spec.json --out result.json
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spec", required=True, help="the workloads, written by the Java side")
    parser.add_argument("--out", required=True, help="where the results go (JSON)")
    parser.add_argument("--threads", type=int, default=None,
                        help="(internal) measure in this process with this many threads")
    parser.add_argument("--phase", choices=["measure", "full"], default="measure",
                        help="(internal) what the child process measures")
    parser.add_argument("--workload", default=None, help="(internal) the full recipe to run")
    return parser.parse_args()


# ---- the driver: one child process per thread count, then the full recipes ----

def run_child(args, threads, phase, workload=None):
    out = args.out + ".%s.%d.json" % (phase, threads)
    cmd = [sys.executable, os.path.abspath(__file__), "--spec", args.spec, "--out", out,
           "--threads", str(threads), "--phase", phase]
    if workload is not None:
        cmd += ["--workload", workload]
    env = dict(os.environ)
    # numpy's BLAS reads its thread count when it loads; TensorFlow's is set in the child.
    env.update({"OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads),
                "MKL_NUM_THREADS": str(threads), "CUDA_VISIBLE_DEVICES": "-1",
                "TF_CPP_MIN_LOG_LEVEL": "2"})
    print("bench_keras: %s with %d thread(s)%s" % (phase, threads,
          "" if workload is None else ", " + workload), flush=True)
    subprocess.run(cmd, env=env, check=True)
    with open(out) as f:
        result = json.load(f)
    os.remove(out)
    return result


def fastest_threads(runs, name):
    best = None
    for run in runs:
        for way in run["training"].get(name, {}).values():
            if best is None or way["ms_per_step"] < best[0]:
                best = (way["ms_per_step"], run["threads"])
    return best[1] if best else 1


def drive(args, spec):
    runs = [run_child(args, t, "measure") for t in spec["threads"]]
    full = {}
    for w in spec["training"]:
        if w["full"].get("run"):
            threads = fastest_threads(runs, w["name"])
            full[w["name"]] = run_child(args, threads, "full", w["name"])
    result = {"versions": runs[0].pop("versions"), "runs": runs, "full": full}
    for run in runs[1:]:
        run.pop("versions", None)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


# ---- a child: TensorFlow configured for its thread count before anything runs ----

def start_tensorflow(threads):
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    import keras
    return tf, keras


def one_hot(np, rng, rows, shape):
    shape = tuple(shape)
    depth = shape[-1]
    idx = rng.integers(0, depth, size=(rows,) + shape[:-1])
    return np.eye(depth, dtype=np.float32)[idx]


def build(keras, w, jit_compile=False):
    model = keras.models.model_from_json(json.dumps(w["keras_config"]))
    model.compile(optimizer=keras.optimizers.Adam(), loss=w["loss"], metrics=["accuracy"],
                  jit_compile=jit_compile)
    return model


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def percentile(values, p):
    v = sorted(values)
    rank = max(1, -(-len(v) * p // 100))
    return v[int(rank) - 1]


def train_ways(np, keras, spec, w):
    """Milliseconds per step of each way, median over the counted epochs."""
    rng = np.random.default_rng(7)
    steps, batch = w["steps"], w["batch"]
    n = steps * batch
    xs = [one_hot(np, rng, n, s) for s in w["input_shapes"]]
    x = xs[0] if len(xs) == 1 else xs
    y = one_hot(np, rng, n, w["output_shape"])
    warm, reps = spec["warmups"], spec["reps"]
    epochs = warm + reps

    class EpochTimer(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.times = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self.start)

    def per_epoch_fit():
        model = build(keras, w)
        times = []
        for _ in range(epochs):
            t = time.perf_counter()
            model.fit(x, y, epochs=1, batch_size=batch, verbose=0)
            times.append(time.perf_counter() - t)
        return times

    def one_fit(jit):
        model = build(keras, w, jit_compile=jit)
        timer = EpochTimer()
        model.fit(x, y, epochs=epochs, batch_size=batch, verbose=0, callbacks=[timer])
        return timer.times

    def on_batch():
        model = build(keras, w)
        slices = [(i, min(n, i + batch)) for i in range(0, n, batch)]
        if isinstance(x, list):
            batches = [([a[i:j] for a in x], y[i:j]) for i, j in slices]
        else:
            batches = [(x[i:j], y[i:j]) for i, j in slices]
        times = []
        for _ in range(epochs):
            t = time.perf_counter()
            for xb, yb in batches:
                model.train_on_batch(xb, yb)
            times.append(time.perf_counter() - t)
        return times

    ways = {"fit per epoch (tutorial)": per_epoch_fit,
            "one fit": lambda: one_fit(False),
            "train_on_batch": on_batch}
    if not spec["quick"]:
        ways["one fit, XLA (jit_compile=True)"] = lambda: one_fit(True)
    out = {}
    for name, way in ways.items():
        times = way()[warm:]
        out[name] = {"ms_per_step": median(times) * 1000 / steps,
                     "epochs_ms_per_step": [t * 1000 / steps for t in times]}
        print("bench_keras:   %-34s %s %.3f ms/step" % (w["name"], name, out[name]["ms_per_step"]),
              flush=True)
    return out


def numpy_floor(np, products, reps):
    """Seconds for one step's products in numpy, median over repetitions of a tight loop."""
    rng = np.random.default_rng(1)
    pairs = []
    for m, k, n, ta, tb in products:
        a = rng.random((k, m) if ta else (m, k), dtype=np.float32)
        b = rng.random((n, k) if tb else (k, n), dtype=np.float32)
        pairs.append((a.T if ta else a, b.T if tb else b))
    loops = 200
    for a, b in pairs:
        np.matmul(a, b)
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(loops):
            for a, b in pairs:
                np.matmul(a, b)
        times.append((time.perf_counter() - t) / loops)
    return median(times)


def inference(np, tf, keras, spec):
    inf = spec["inference"]
    reps = max(3, spec["reps"])
    calls = inf["calls"]
    out = {}
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        model = keras.models.load_model(inf["keras_file"])
        loads.append(time.perf_counter() - t)
    out["load_keras_ms"] = median(loads) * 1000
    loads = []
    for _ in range(3):
        t = time.perf_counter()
        tf.saved_model.load(inf["savedmodel"])
        loads.append(time.perf_counter() - t)
    out["load_savedmodel_ms"] = median(loads) * 1000

    shape = [int(d) for d in model.inputs[0].shape[1:]]
    rng = np.random.default_rng(2)
    x1 = one_hot(np, rng, 1, shape)
    xb = one_hot(np, rng, inf["batch"], shape)

    def latency(call, n):
        for _ in range(max(5, n // 10)):
            call()
        times = []
        for _ in range(n):
            t = time.perf_counter()
            call()
            times.append(time.perf_counter() - t)
        return {"p50_ms": median(times) * 1000, "p99_ms": percentile(times, 99) * 1000,
                "calls": n}

    out["one_sample"] = {
        "predict": latency(lambda: model.predict(x1, verbose=0), max(20, calls // 3)),
        "predict_on_batch": latency(lambda: model.predict_on_batch(x1), calls),
        "direct call": latency(lambda: model(x1, training=False).numpy(), calls),
    }

    def throughput(call):
        call()
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            call()
            times.append(time.perf_counter() - t)
        return {"samples_per_s": len(xb) / median(times), "reps": reps}

    out["batch1000"] = {
        "predict(batch_size=32)": throughput(lambda: model.predict(xb, verbose=0)),
        "predict(batch_size=1000)": throughput(
            lambda: model.predict(xb, batch_size=len(xb), verbose=0)),
        "predict_on_batch": throughput(lambda: model.predict_on_batch(xb)),
        "direct call": throughput(lambda: model(xb, training=False).numpy()),
    }
    return out


def measure(args, spec):
    import numpy as np
    tf, keras = start_tensorflow(args.threads)
    result = {"threads": args.threads,
              "versions": {"python": platform.python_version(), "tensorflow": tf.__version__,
                           "keras": keras.__version__, "numpy": np.__version__},
              "training": {}}
    for w in spec["training"]:
        result["training"][w["name"]] = train_ways(np, keras, spec, w)
    if spec.get("floor_products"):
        result["numpy_floor_ms"] = numpy_floor(np, spec["floor_products"], spec["reps"]) * 1000
    if spec.get("inference"):
        result["inference"] = inference(np, tf, keras, spec)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def full_recipe(args, spec):
    """One run of the recipe as the tutorial trains it; seconds of training only."""
    import numpy as np
    tf, keras = start_tensorflow(args.threads)
    w = next(w for w in spec["training"] if w["name"] == args.workload)
    full = w["full"]
    rng = np.random.default_rng(1)
    model = build(keras, w)
    batch, epochs, samples = w["batch"], full["epochs"], full["samples"]
    if full["data"] == "fresh_each_epoch":
        # Brownlee: new sums every epoch, each fitted with its own fit call (data made first).
        data = [(one_hot(np, rng, samples, w["input_shapes"][0]),
                 one_hot(np, rng, samples, w["output_shape"])) for _ in range(epochs)]
        t = time.perf_counter()
        for x, y in data:
            model.fit(x, y, epochs=1, batch_size=batch, verbose=0)
        seconds, run = time.perf_counter() - t, epochs
    elif full["data"] == "reversed_digits":
        # Karakaya: random digits, the target is the sequence reversed; the test set validates
        # every epoch and EarlyStopping(val_loss, patience) may end training early.
        length, depth = w["input_shapes"][0]

        def reversed_digits(n):
            digits = rng.integers(0, depth, size=(n, length))
            eye = np.eye(depth, dtype=np.float32)
            return eye[digits], eye[digits[:, ::-1]]

        x, y = reversed_digits(samples)
        xv, yv = reversed_digits(full["validation_samples"])
        stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=full["patience"])
        t = time.perf_counter()
        history = model.fit(x, y, epochs=epochs, batch_size=batch, verbose=0,
                            validation_data=(xv, yv), callbacks=[stop])
        seconds, run = time.perf_counter() - t, len(history.history["loss"])
    elif full["data"] == "keras_addition_rnn":
        # Keras's own example, exactly as keras_addition_rnn.py runs it (its questions, its
        # split, its stop at 99 % train and validation accuracy): the Java recipe stops there
        # too, so both sides time the same training.
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import keras_addition_rnn
        example = keras_addition_rnn.train(full["seed"], epochs, full["target"], full["digits"],
                                           samples, verbose=False)
        seconds, run = example["fit_seconds"], example["epochs_run"]
    else:
        x = one_hot(np, rng, samples, w["input_shapes"][0])
        y = one_hot(np, rng, samples, w["output_shape"])
        t = time.perf_counter()
        model.fit(x, y, epochs=epochs, batch_size=batch, verbose=0)
        seconds, run = time.perf_counter() - t, epochs
    print("bench_keras:   full %s: %.2f s, %d epochs" % (w["name"], seconds, run), flush=True)
    return {"seconds": seconds, "epochs_run": run, "threads": args.threads,
            "way": "as the tutorial writes it"}


def main():
    args = parse_args()
    with open(args.spec) as f:
        spec = json.load(f)
    if args.threads is None:
        drive(args, spec)
        return
    result = measure(args, spec) if args.phase == "measure" else full_recipe(args, spec)
    with open(args.out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
