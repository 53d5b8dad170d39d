package dev.seq2seq4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.keras.KerasConfigWriter;
import dev.seq2seq4j.nn.InferenceModel;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.SymbolicTensor;
import dev.seq2seq4j.nn.rnn.RnnKernel;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.optim.OptimizerSpec;
import dev.seq2seq4j.tutorials.Knobs;
import dev.seq2seq4j.tutorials.Recipes;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.TensorFlow;

/**
 * Runs the benchmark's sections in order (Java first, Keras last and alone) and fills a {@link
 * BenchReport}. Progress goes to {@code progress} as each measurement ends.
 */
public final class Bench {
  /** The memory JVM's heap: fixed, so its pages can all be made resident before counting. */
  private static final int MEMORY_HEAP_MB = 512;

  private static final List<String> MEMORY_JVM_FLAGS = List.of("-Xms" + MEMORY_HEAP_MB + "m",
      "-Xmx" + MEMORY_HEAP_MB + "m", "-XX:+AlwaysPreTouch");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String HEADLINE = "addition-seq2seq/b10";

  private final BenchOptions options;
  private final PrintStream progress;
  private final BenchReport report = new BenchReport();
  private final List<TrainingWorkload> workloads;
  private final String threadNote;

  /**
   * A benchmark run.
   *
   * @param options what to measure
   * @param progress where to report each measurement as it ends
   */
  public Bench(BenchOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
    List<TrainingWorkload> all = TrainingWorkload.standard();
    this.workloads = options.quick() ? all.subList(0, 1) : all;
    this.threadNote = options.intraOpThreads() + " intra-op thread"
        + (options.intraOpThreads() == 1 ? "" : "s") + ", ops in the caller's thread";
  }

  /**
   * Runs the selected sections.
   *
   * @return the report
   */
  public BenchReport run() {
    environment();
    if (options.runs("steps")) {
      steps();
    }
    List<MatMulFloor.Product> products = List.of();
    if (options.runs("floor")) {
      products = floor();
    }
    if (options.runs("full")) {
      fullRecipes();
    }
    Path savedModel = savedModel();
    if (options.runs("inference")) {
      inference(savedModel);
    }
    if (options.runs("memory")) {
      memory(savedModel);
    }
    if (options.runs("sweep")) {
      sweep();
    }
    if (options.runs("threads")) {
      threads();
    }
    ResidentMemory.peak().ifPresent(b -> {
      report.put("java_peak_rss_mb", b / 1048576.0);
      report.row("memory", "Java peak resident memory, this run", mb(b), "VmHWM");
    });
    if (options.runs("keras")) {
      keras(products, savedModel);
    }
    ratios();
    report.put("load_average_end", loadAverage());
    return report;
  }

  private void environment() {
    report.put("cpu", cpuModel());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("java", System.getProperty("java.version"));
    report.put("tensorflow", TensorFlow.version());
    report.put("java_threads", threadNote);
    report.put("reps", options.reps());
    report.put("quick", options.quick());
    report.put("load_average_start", loadAverage());
    report.row("machine", cpuModel(), Runtime.getRuntime().availableProcessors() + " cores",
        "load average " + loadAverage() + " at the start");
    report.row("machine", "Java " + System.getProperty("java.version") + ", TensorFlow "
        + TensorFlow.version(), "", threadNote);
  }

  // ---- training ----

  private void steps() {
    for (TrainingWorkload w : workloads) {
      int steps = options.quick() ? 30 : Math.max(w.stepsPerEpoch(), 40);
      List<Samples> ms = TrainingBench.msPerStep(w, List.of(RnnKernel.UNROLLED, RnnKernel.FUSED),
          steps, 2, options.reps(), options.intraOpThreads());
      String key = "training." + w.name();
      report.put(key + ".ms_per_step", ms.get(0).median());
      report.put(key + ".ms_per_step_fused", ms.get(1).median());
      String note = "median of " + options.reps() + " epochs of " + steps + " steps, "
          + threadNote;
      report.row("training", w.name() + " ms/step (unrolled, default)",
          BenchReport.fmt(ms.get(0).median()), note);
      report.row("training", w.name() + " ms/step (fused BlockLSTMV2, opt-in)",
          BenchReport.fmt(ms.get(1).median()), "interleaved with the above");
      progress.printf(Locale.ROOT, "training %-36s %s ms/step unrolled, %s fused%n", w.name(),
          BenchReport.fmt(ms.get(0).median()), BenchReport.fmt(ms.get(1).median()));
    }
    double unrolled = report.number("training." + HEADLINE + ".ms_per_step");
    double fused = report.number("training." + HEADLINE + ".ms_per_step_fused");
    report.put("ms_per_step_batch10", unrolled);
    report.put("ms_per_step_batch10_fused", fused);
    boolean fusedFaster = fused < unrolled;
    report.put("java_best_config", fusedFaster ? "fused" : "unrolled");
    report.put("java_best_ms_per_step_batch10", fusedFaster ? fused : unrolled);
  }

  private List<MatMulFloor.Product> floor() {
    TrainingWorkload w = workloads.get(0);
    Model model = w.model();
    Dataset batch = TrainingWorkload.oneHotData(model, w.batch(), 3);
    List<MatMulFloor.Product> products = MatMulFloor.stepProducts(model,
        Recipes.byName(w.recipe()).loss(), batch);
    if (products.isEmpty()) {
      report.row("floor", "matrix products of one step", "-", "the trace recorded none");
      return products;
    }
    int runs = options.quick() ? 100 : 400;
    Samples s = MatMulFloor.secondsPerStep(products, runs, 2, options.reps());
    double ms = s.median() * 1e3;
    double mflop = MatMulFloor.flops(products) / 1e6;
    report.put("floor_ms_per_step", ms);
    report.put("floor_products", products.size());
    report.put("floor_mflop", mflop);
    report.row("floor", w.name() + ": the step's " + products.size() + " matrix products alone",
        BenchReport.fmt(ms) + " ms",
        BenchReport.fmt(mflop) + " MFLOP, " + BenchReport.fmt(mflop / ms) + " GFLOP/s; TF "
            + "MatMul ops, median of " + options.reps() + " x " + runs + " runs");
    progress.printf(Locale.ROOT, "floor: %d products, %.1f MFLOP, %s ms per step%n",
        products.size(), mflop, BenchReport.fmt(ms));
    optimizerUpdate(w, model, runs);
    return products;
  }

  /**
   * The step's optimizer update alone (the recipe's, Adam at Keras's defaults): per-parameter
   * work, which no count of ops explains.
   */
  private void optimizerUpdate(TrainingWorkload w, Model model, int runs) {
    OptimizerSpec optimizer = CompileOptions.builder(Recipes.byName(w.recipe()).loss()).build()
        .optimizer();
    Samples s = OptimizerUpdateCost.secondsPerStep(model, optimizer, runs, 2, options.reps());
    double ms = s.median() * 1e3;
    long parameters = model.trainableParameterCount();
    report.put("update_ms_per_step", ms);
    report.put("update_parameters", parameters);
    report.row("floor", w.name() + ": the step's " + optimizer.name() + " update alone",
        BenchReport.fmt(ms) + " ms", parameters + " parameters, median of " + options.reps()
            + " x " + runs + " runs");
    progress.printf(Locale.ROOT, "update: %d parameters, %s ms per step%n", parameters,
        BenchReport.fmt(ms));
  }

  private void fullRecipes() {
    if (options.quick()) {
      report.row("training", "full recipes", "-", "not run with --quick");
      return;
    }
    int reps = 3;
    for (TrainingWorkload w : workloads) {
      TrainingBench.FullRun run = TrainingBench.fullRecipe(w, reps);
      String key = "training." + w.name();
      report.put(key + ".full_recipe_s", run.seconds().median());
      report.put(key + ".full_recipe_epochs", run.epochsRun());
      report.row("training", w.name() + " full recipe, s",
          BenchReport.fmt(run.seconds().median()), "median of " + reps + " runs, "
              + run.epochsRun() + " epochs, " + run.steps() + " steps (seed 1)");
      progress.printf(Locale.ROOT, "full recipe %-33s %s s (%d epochs)%n", w.name(),
          BenchReport.fmt(run.seconds().median()), run.epochsRun());
    }
  }

  // ---- inference ----

  private Path savedModel() {
    Path dir = options.savedModels() != null ? options.savedModels()
        : ProjectFiles.root().resolve("saved-models");
    return dir.resolve("addition-seq2seq");
  }

  private void inference(Path savedModel) {
    Path kerasFile = savedModel.resolve("addition-seq2seq.keras");
    if (!Files.isDirectory(savedModel) || !Files.isRegularFile(kerasFile)) {
      report.row("inference", "addition-seq2seq", "-", "no exported model at " + savedModel);
      return;
    }
    int reps = options.reps();
    InferenceBench.LoadTimes load = InferenceBench.loadTimes(savedModel, kerasFile, reps);
    report.put("load_savedmodel_ms", load.savedModelMs());
    report.put("load_savedmodel_bundle_ms", load.savedModelBundleMs());
    report.put("load_keras_file_ms", load.kerasFileMs());
    String loadNote = "median of " + reps;
    report.row("load", "SavedModel -> Java model (rebuilt, ready)",
        BenchReport.fmt(load.savedModelMs()) + " ms", loadNote);
    report.row("load", "SavedModel -> raw SavedModelBundle",
        BenchReport.fmt(load.savedModelBundleMs()) + " ms", loadNote);
    report.row("load", ".keras -> Java model (rebuilt, ready)",
        BenchReport.fmt(load.kerasFileMs()) + " ms", loadNote);

    int calls = options.quick() ? 500 : 3000;
    int batch = 1000;
    int batchReps = options.quick() ? 5 : 20;
    InferenceBench.Speed java;
    InferenceBench.Speed fused;
    InferenceBench.Speed bundle;
    try (InferenceModel m = InferenceBench.openJava(savedModel);
        InferenceModel f = InferenceBench.openFused(savedModel);
        SavedModelBundle b = SavedModelBundle.load(savedModel.toString(), "serve")) {
      java = InferenceBench.javaApi(m, calls, batch, batchReps);
      fused = InferenceBench.javaApi(f, calls, batch, batchReps);
      bundle = InferenceBench.savedModelBundle(b, calls, batch, batchReps);
    }
    put("predict", java);
    put("predict_fused", fused);
    put("savedmodel_bundle", bundle);
    report.put("predict_p50_ms", java.oneSampleMs().median());
    report.put("predict_p99_ms", java.oneSampleMs().percentile(99));
    report.put("batch1000_samples_per_s", java.samplesPerSecond());
    report.put("predict_vs_savedmodel_bundle",
        bundle.oneSampleMs().median() / java.oneSampleMs().median());
    String note = calls + " one-sample calls; batch: median of " + batchReps + " calls";
    row("Java API (InferenceModel, unrolled)", java, note);
    row("Java API (InferenceModel, fused, opt-in)", fused, note);
    row("raw SavedModelBundle signature call", bundle, note);
    progress.printf(Locale.ROOT, "inference p50 %s ms (SavedModelBundle %s ms), batch-1000 %s/s%n",
        BenchReport.fmt(java.oneSampleMs().median()),
        BenchReport.fmt(bundle.oneSampleMs().median()),
        BenchReport.fmt(java.samplesPerSecond()));

    int decodes = options.quick() ? 20 : 100;
    InferenceBench.Decoding d = InferenceBench.greedy(16, decodes, 200, reps);
    report.put("greedy_len16_p50_ms", d.oneSequenceMs().median());
    report.put("greedy_len16_p99_ms", d.oneSequenceMs().percentile(99));
    report.put("greedy_len16_batch200_sequences_per_s", d.sequencesPerSecond());
    report.row("inference", "greedy decoding, length 16, one sequence p50 / p99 ms",
        BenchReport.fmt(d.oneSequenceMs().median()) + " / "
            + BenchReport.fmt(d.oneSequenceMs().percentile(99)),
        "reverse-attention LSTM(64), " + decodes + " decodes (encoder + 16 steps each)");
    report.row("inference", "greedy decoding, length 16, batch of 200",
        BenchReport.fmt(d.sequencesPerSecond()) + " seq/s", "median of " + reps);
  }

  private void put(String name, InferenceBench.Speed s) {
    report.put("inference." + name + ".p50_ms", s.oneSampleMs().median());
    report.put("inference." + name + ".p99_ms", s.oneSampleMs().percentile(99));
    report.put("inference." + name + ".batch1000_samples_per_s", s.samplesPerSecond());
  }

  private void row(String what, InferenceBench.Speed s, String note) {
    report.row("inference", what + ": one sample p50 / p99 ms",
        BenchReport.fmt(s.oneSampleMs().median()) + " / "
            + BenchReport.fmt(s.oneSampleMs().percentile(99)), note);
    report.row("inference", what + ": batch of 1000",
        BenchReport.fmt(s.samplesPerSecond()) + " samples/s", "");
  }

  private void memory(Path savedModel) {
    if (!Files.isDirectory(savedModel)) {
      return;
    }
    if (!heapPreTouched()) {
      memoryInChildJvm();
      return;
    }
    int calls = options.quick() ? 10_000 : 100_000;
    try (InferenceModel m = InferenceBench.openJava(savedModel)) {
      var x = InferenceBench.questions(1, 1);
      for (int i = 0; i < 5_000; i++) {
        m.predict(x);
      }
      System.gc();
      OptionalLong before = ResidentMemory.current();
      long heapBefore = Runtime.getRuntime().totalMemory();
      for (int i = 0; i < calls; i++) {
        m.predict(x);
      }
      System.gc();
      OptionalLong after = ResidentMemory.current();
      long heapAfter = Runtime.getRuntime().totalMemory();
      if (before.isPresent() && after.isPresent()) {
        double growth = (after.getAsLong() - before.getAsLong()) / 1048576.0;
        report.put("rss_growth_mb_" + calls + "_predicts", growth);
        // The Java heap grows and shrinks with garbage; a native leak would only grow.
        report.row("memory", "resident memory growth over " + calls + " predict calls",
            BenchReport.fmt(growth) + " MB", "after 5000 warm-up calls, in a JVM whose "
                + MEMORY_HEAP_MB + " MB heap is resident from the start; the heap's committed "
                + "size changed by " + mb(heapAfter - heapBefore));
      }
    }
  }

  /** Whether this JVM's heap is fixed and resident from the start (the memory child's flags). */
  private static boolean heapPreTouched() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().containsAll(MEMORY_JVM_FLAGS);
  }

  /**
   * The memory section in a JVM with a fixed, pre-touched heap. In an ordinary JVM resident
   * memory also grows as the collector first touches heap pages it had committed but not used,
   * which looks like a leak (+106 to +122 MB over 100,000 calls here) or hides one (a shrinking
   * heap gave -40 to -178 MB); with every heap page resident before the count, what grows is
   * native memory, where an unclosed tensor would show.
   */
  private void memoryInChildJvm() {
    List<String> args = new ArrayList<>(List.of("--sections", "memory"));
    if (options.quick()) {
      args.add("--quick");
    }
    if (options.savedModels() != null) {
      args.addAll(List.of("--saved-models", options.savedModels().toString()));
    }
    JsonNode child = childBench(MEMORY_JVM_FLAGS, args);
    if (child == null) {
      report.row("memory", "resident memory growth", "-", "the memory JVM failed");
      return;
    }
    child.fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("rss_growth_mb_")) {
        report.put(e.getKey(), e.getValue().asDouble());
        report.row("memory", "resident memory growth over "
            + e.getKey().replaceAll("\\D", "") + " predict calls",
            BenchReport.fmt(e.getValue().asDouble()) + " MB", "after 5000 warm-up calls, in a "
                + "second JVM whose " + MEMORY_HEAP_MB + " MB heap is resident from the start");
      }
    });
  }

  /**
   * Runs {@code bench --json ARGS} in another JVM with the given JVM flags and returns its JSON
   * line, or null (with the log kept and named in a report row) if it failed.
   */
  private JsonNode childBench(List<String> jvmFlags, List<String> benchArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.seq2seq4j.cli.Main");
    cmd.addAll(List.of("bench", "--json", "--reps", String.valueOf(options.reps())));
    cmd.addAll(benchArgs);
    try {
      Path log = Files.createTempFile("bench-child", ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
          .start();
      int code = p.waitFor();
      List<String> lines = Files.readAllLines(log);
      String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
      if (code != 0 || !last.startsWith("{")) {
        report.row("child", String.join(" ", benchArgs), "-", "failed (log " + log + ")");
        return null;
      }
      Files.deleteIfExists(log);
      return MAPPER.readTree(last);
    } catch (IOException e) {
      report.row("child", String.join(" ", benchArgs), "-", "could not start a JVM: "
          + e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  // ---- sweep ----

  private void sweep() {
    List<Long> seeds = options.quick() ? List.of(1L) : List.of(1L, 2L, 3L);
    List<Integer> lengths = options.quick() ? List.of(4) : List.of(4, 8, 16);
    Integer epochs = options.quick() ? Integer.valueOf(2) : options.sweepEpochs();
    Integer samples = options.quick() ? Integer.valueOf(400) : null;
    String load = loadAverage();
    SweepBench.Result r = SweepBench.run(seeds, lengths, epochs, samples, options.sweepJobs());
    report.put("sweep_runs", r.runs());
    report.put("sweep_sequential_s", r.sequentialSeconds());
    report.put("sweep_parallel_s", r.parallelSeconds());
    report.put("sweep_jobs", r.jobs());
    report.put("sweep_speedup", r.speedup());
    report.put("sweep_identical", r.identical());
    report.put("sweep_sequential_cores_used", r.sequentialCores());
    report.put("sweep_parallel_cores_used", r.parallelCores());
    String what = r.runs() + " runs (4 wirings x " + lengths.size() + " lengths x "
        + seeds.size() + " seeds" + (epochs == null ? "" : ", " + epochs + " epochs max") + ")";
    report.row("sweep", what + ", one at a time", BenchReport.fmt(r.sequentialSeconds()) + " s",
        "load average " + load + " before; " + BenchReport.fmt(r.sequentialCores())
            + " cores busy (CPU time / wall time)");
    report.row("sweep", what + ", " + r.jobs() + " at once",
        BenchReport.fmt(r.parallelSeconds()) + " s",
        BenchReport.fmt(r.speedup()) + "x faster; same results: " + r.identical() + "; "
            + BenchReport.fmt(r.parallelCores()) + " cores busy");
    progress.printf(Locale.ROOT, "sweep: %s s one at a time, %s s with %d at once (%sx)%n",
        BenchReport.fmt(r.sequentialSeconds()), BenchReport.fmt(r.parallelSeconds()), r.jobs(),
        BenchReport.fmt(r.speedup()));
  }

  // ---- two intra-op threads, in a second JVM (TensorFlow sizes the pool once per process) ----

  private void threads() {
    if (options.quick()) {
      return;
    }
    JsonNode child = childBench(List.of(), List.of("--sections", "steps",
        "--intra-op-threads", "2"));
    if (child == null) {
      report.row("training", "2 intra-op threads", "-", "the second JVM failed");
      return;
    }
    for (TrainingWorkload w : workloads) {
      JsonNode v = child.get("training." + w.name() + ".ms_per_step");
      if (v != null) {
        report.put("training." + w.name() + ".ms_per_step_2threads", v.asDouble());
        report.row("training", w.name() + " ms/step, 2 intra-op threads",
            BenchReport.fmt(v.asDouble()), "unrolled; a second JVM, after the first");
      }
    }
  }

  // ---- Keras ----

  private void keras(List<MatMulFloor.Product> products, Path savedModel) {
    Path python = options.python() != null ? options.python()
        : ProjectFiles.venvPython().orElse(null);
    if (python == null || !Files.isExecutable(python)) {
      String why = "no Python venv found (give --python, set SEQ2SEQ4J_VENV or create "
          + "python-export/.venv): Keras figures omitted";
      report.put("keras", why);
      report.row("keras", "-", "-", why);
      progress.println(why);
      return;
    }
    Path script = options.kerasScript() != null ? options.kerasScript()
        : ProjectFiles.root().resolve("python-export/bench_keras.py");
    Path log;
    try {
      log = Files.createTempFile("bench-keras", ".log");
    } catch (IOException e) {
      report.put("keras", "could not create a log file: " + e.getMessage());
      return;
    }
    progress.println("Keras: running " + script + " (log " + log + ")");
    KerasBench.Outcome outcome =
        KerasBench.run(python, script, spec(products, savedModel), log, 120);
    if (!outcome.ran()) {
      report.put("keras", outcome.note());
      report.row("keras", "-", "-", outcome.note());
      progress.println("Keras: " + outcome.note());
      return;
    }
    kerasResults(outcome.result());
  }

  private ObjectNode spec(List<MatMulFloor.Product> products, Path savedModel) {
    ObjectNode spec = MAPPER.createObjectNode();
    spec.put("quick", options.quick());
    spec.put("reps", options.reps());
    spec.put("warmups", 2);
    ArrayNode threads = spec.putArray("threads");
    threads.add(1);
    if (!options.quick()) {
      threads.add(2); // --quick stays near a minute: one Keras process
    }
    ArrayNode list = spec.putArray("training");
    for (TrainingWorkload w : workloads) {
      Model model = w.model();
      ObjectNode o = list.addObject();
      o.put("name", w.name());
      o.put("recipe", w.recipe());
      o.put("batch", w.batch());
      o.put("steps", options.quick() ? 30 : Math.max(w.stepsPerEpoch(), 40));
      // Every benchmark workload is a softmax classifier trained as the tutorials do.
      o.put("loss", "categorical_crossentropy");
      o.set("keras_config", KerasConfigWriter.write(model));
      ArrayNode shapes = o.putArray("input_shapes");
      for (SymbolicTensor in : model.inputs()) {
        shapes.add(MAPPER.valueToTree(in.shape()));
      }
      o.set("output_shape", MAPPER.valueToTree(model.outputs().get(0).shape()));
      o.set("full", fullSpec(w));
    }
    ArrayNode floor = spec.putArray("floor_products");
    for (MatMulFloor.Product p : products) {
      ArrayNode a = floor.addArray();
      a.add(p.m()).add(p.k()).add(p.n()).add(p.transposeA()).add(p.transposeB());
    }
    if (options.runs("inference") && Files.isDirectory(savedModel)) {
      ObjectNode inf = spec.putObject("inference");
      inf.put("savedmodel", savedModel.toAbsolutePath().toString());
      inf.put("keras_file", savedModel.resolve("addition-seq2seq.keras").toAbsolutePath()
          .toString());
      inf.put("calls", options.quick() ? 50 : 300);
      inf.put("batch", 1000);
    }
    return spec;
  }

  /** How the tutorial trains the workload's recipe, for Keras's full-recipe timing. */
  private ObjectNode fullSpec(TrainingWorkload w) {
    ObjectNode full = MAPPER.createObjectNode();
    full.put("run", !options.quick() && options.runs("full"));
    full.put("epochs", w.config().epochs());
    full.put("samples", w.config().samples());
    if (w.recipe().equals("addition-seq2seq")) {
      full.put("data", "fresh_each_epoch"); // Brownlee draws 1000 new sums per epoch
    } else if (w.recipe().startsWith("reverse-")) {
      full.put("data", "reversed_digits"); // Karakaya: x random digits, y reversed
      full.put("validation_samples", Math.max(1, w.config().samples() / 10));
      full.put("patience", 5);
    } else if (w.recipe().equals(TrainingWorkload.KERAS_ADDITION_RNN)) {
      // Keras's example itself (python-export/keras_addition_rnn.py), stopping at 99 % as the
      // recipe does; random data would never reach it and run all 100 epochs.
      full.put("data", "keras_addition_rnn");
      full.put("seed", w.config().seed());
      full.put("digits", w.config().get(Knobs.DIGITS));
      full.put("target", w.config().get(Knobs.TARGET_ACCURACY));
    } else {
      full.put("data", "fixed"); // any other recipe: one data set of random one-hot rows
    }
    return full;
  }

  private void kerasResults(JsonNode k) {
    JsonNode versions = k.path("versions");
    report.put("keras_versions", "Python " + versions.path("python").asText() + ", TensorFlow "
        + versions.path("tensorflow").asText() + ", Keras " + versions.path("keras").asText());
    report.row("keras", "Python " + versions.path("python").asText() + ", TensorFlow "
        + versions.path("tensorflow").asText() + ", Keras " + versions.path("keras").asText(),
        "", options.quick() ? "1 intra- and inter-op thread (--quick)"
            : "intra- and inter-op threads 1 and 2, each in its own process");
    for (TrainingWorkload w : workloads) {
      Fastest f = fastest(k.path("runs"), "training", w.name(), "ms_per_step");
      if (f == null) {
        continue;
      }
      String key = "training." + w.name();
      report.put(key + ".keras_fastest_ms_per_step", f.value);
      report.put(key + ".keras_fastest_way", f.way + ", " + f.threads + " thread(s)");
      double java = Math.min(report.number(key + ".ms_per_step"),
          report.number(key + ".ms_per_step_fused"));
      report.put(key + ".speedup_vs_keras", f.value / java);
      for (String way : f.all.keySet()) {
        report.row("keras", w.name() + " ms/step, " + way, BenchReport.fmt(f.all.get(way)),
            "median of " + options.reps() + " epochs");
      }
      report.row("keras", w.name() + " fastest ms/step", BenchReport.fmt(f.value),
          f.way + ", " + f.threads + " thread(s); Java is " + BenchReport.fmt(f.value / java)
              + "x faster");
      JsonNode full = k.path("full").path(w.name());
      if (full.has("seconds")) {
        report.put(key + ".keras_full_recipe_s", full.get("seconds").asDouble());
        double javaFull = report.number(key + ".full_recipe_s");
        report.row("keras", w.name() + " full recipe, s",
            BenchReport.fmt(full.get("seconds").asDouble()), full.path("epochs_run").asInt()
                + " epochs, as the tutorial writes it, " + full.path("threads").asInt()
                + " thread(s), 1 run; Java " + BenchReport.fmt(full.get("seconds").asDouble()
                / javaFull) + "x faster");
      }
    }
    double keras10 = report.number("training." + HEADLINE + ".keras_fastest_ms_per_step");
    report.put("keras_fastest_ms_per_step", keras10);
    report.put("keras_fastest_way", report.values().get("training." + HEADLINE
        + ".keras_fastest_way"));
    for (JsonNode run : k.path("runs")) {
      if (run.has("numpy_floor_ms") && run.path("threads").asInt() == 1) {
        report.put("numpy_floor_ms_per_step", run.get("numpy_floor_ms").asDouble());
        report.row("floor", "the same products in numpy (OpenBLAS), 1 thread",
            BenchReport.fmt(run.get("numpy_floor_ms").asDouble()) + " ms", "Python side");
      }
      if (run.has("peak_rss_mb")) {
        report.put("keras_peak_rss_mb_" + run.path("threads").asInt() + "threads",
            run.get("peak_rss_mb").asDouble());
        report.row("memory", "Keras peak resident memory, " + run.path("threads").asInt()
            + " thread(s)", BenchReport.fmt(run.get("peak_rss_mb").asDouble()) + " MB",
            "ru_maxrss of that process");
      }
    }
    kerasInference(k.path("runs"));
  }

  private void kerasInference(JsonNode runs) {
    Fastest one = fastest(runs, "inference", "one_sample", "p50_ms");
    if (one != null) {
      report.put("keras_fastest_predict_p50_ms", one.value);
      report.put("keras_fastest_predict_way", one.way + ", " + one.threads + " thread(s)");
      for (String way : one.all.keySet()) {
        report.row("keras", "one sample p50 ms, " + way, BenchReport.fmt(one.all.get(way)), "");
      }
    }
    Fastest predict = null;
    for (JsonNode run : runs) {
      JsonNode b = run.path("inference").path("batch1000");
      for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        double v = e.getValue().path("samples_per_s").asDouble(Double.NaN);
        report.row("keras", "batch of 1000, " + e.getKey() + ", " + run.path("threads").asInt()
            + " thread(s)", BenchReport.fmt(v) + " samples/s", "");
        if (e.getKey().startsWith("predict(") && (predict == null || v > predict.value)) {
          predict = new Fastest(v, e.getKey(), run.path("threads").asInt(), Map.of());
        }
      }
      JsonNode inf = run.path("inference");
      if (inf.has("load_keras_ms") && run.path("threads").asInt() == 1) {
        report.put("keras_load_keras_file_ms", inf.get("load_keras_ms").asDouble());
        report.put("keras_load_savedmodel_ms", inf.get("load_savedmodel_ms").asDouble());
        report.row("keras", "load .keras (keras.models.load_model)",
            BenchReport.fmt(inf.get("load_keras_ms").asDouble()) + " ms", "median of 3");
        report.row("keras", "load SavedModel (tf.saved_model.load)",
            BenchReport.fmt(inf.get("load_savedmodel_ms").asDouble()) + " ms", "median of 3");
      }
    }
    if (predict != null) {
      report.put("keras_predict_batch1000_samples_per_s", predict.value);
      report.put("keras_predict_batch1000_way", predict.way + ", " + predict.threads
          + " thread(s)");
    }
  }

  /** The smallest value of one measurement over every thread count and way Keras ran. */
  private record Fastest(double value, String way, int threads, Map<String, Double> all) {}

  private static Fastest fastest(JsonNode runs, String section, String item, String field) {
    Fastest best = null;
    Map<String, Double> all = new java.util.LinkedHashMap<>();
    for (JsonNode run : runs) {
      int threads = run.path("threads").asInt();
      JsonNode ways = run.path(section).path(item);
      for (Iterator<Map.Entry<String, JsonNode>> it = ways.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        double v = e.getValue().path(field).asDouble(Double.NaN);
        if (Double.isNaN(v)) {
          continue;
        }
        all.put(e.getKey() + ", " + threads + " thread(s)", v);
        if (best == null || v < best.value) {
          best = new Fastest(v, e.getKey(), threads, all);
        }
      }
    }
    return best == null ? null : new Fastest(best.value, best.way, best.threads, all);
  }

  // ---- the headline ratios ----

  private void ratios() {
    double java = report.number("java_best_ms_per_step_batch10");
    double floor = report.number("floor_ms_per_step");
    double keras = report.number("keras_fastest_ms_per_step");
    report.put("speedup_vs_keras", keras / java);
    report.put("x_over_floor", java / floor);
    report.put("x_over_numpy_floor", java / report.number("numpy_floor_ms_per_step"));
    double p50 = report.number("predict_p50_ms");
    report.put("speedup_predict_vs_keras", report.number("keras_fastest_predict_p50_ms") / p50);
    report.put("speedup_batch1000_vs_keras_predict", report.number("batch1000_samples_per_s")
        / report.number("keras_predict_batch1000_samples_per_s"));
    report.row("ratios", "training, addition-seq2seq batch 10: Keras's fastest / Java",
        BenchReport.fmt(keras / java) + "x", "target >= 5");
    report.row("ratios", "training step / its matrix products alone (x_over_floor)",
        BenchReport.fmt(java / floor) + "x", "target <= 2");
    double rest = java - floor - report.number("update_ms_per_step");
    report.put("beyond_products_and_update_ms", rest);
    report.row("ratios", "training step minus its products and its optimizer update",
        BenchReport.fmt(rest) + " ms", "the other ops of the step and their executor overhead");
    report.row("ratios", "one-sample predict: SavedModelBundle / Java API",
        BenchReport.fmt(report.number("predict_vs_savedmodel_bundle")) + "x", "target >= 1");
    report.row("ratios", "one-sample predict: Keras's fastest / Java API",
        BenchReport.fmt(report.number("speedup_predict_vs_keras")) + "x", "target >= 3");
    report.row("ratios", "batch-1000 throughput: Java / Keras predict",
        BenchReport.fmt(report.number("speedup_batch1000_vs_keras_predict")) + "x",
        "target >= 3");
    report.row("ratios", "sweep: one at a time / parallel",
        BenchReport.fmt(report.number("sweep_speedup")) + "x", "target >= 2");
  }

  // ---- machine ----

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String mb(long bytes) {
    return BenchReport.fmt(bytes / 1048576.0) + " MB";
  }
}
