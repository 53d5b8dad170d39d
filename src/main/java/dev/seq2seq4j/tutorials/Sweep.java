package dev.seq2seq4j.tutorials;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * Karakaya's closing table: the four LSTM wirings (1 default output + RepeatVector, 2
 * return_sequences, 3 return_state, 4 return_sequences + return_state) trained on sequences of
 * length 4, 8 and 16, per-position test accuracy beside the tutorial's own numbers, and a fifth
 * column beyond the tutorial: the attention encoder-decoder on the same data, decoded greedily.
 */
public final class Sweep {
  /** The table's columns: the tutorial's four in its order, then the attention model. */
  public static final List<String> MODELS =
      List.of(
          "reverse-lstm-default",
          "reverse-return-sequences",
          "reverse-return-state",
          "reverse-return-sequences-state",
          ReverseAttentionRecipe.NAME);

  /** The table's rows. */
  public static final List<Integer> LENGTHS = List.of(4, 8, 16);

  /**
   * The tutorial's test accuracy (%) per length, in {@link #MODELS} order (the attention model is
   * not in the tutorial).
   */
  public static final Map<Integer, double[]> TUTORIAL =
      Map.of(
          4, new double[] {38.625, 54.875, 91.625, 97.250},
          8, new double[] {29.625, 34.688, 50.375, 56.437},
          16, new double[] {23.344, 23.281, 33.344, 37.469});

  private final List<Long> seeds;
  private final List<Integer> lengths;
  private final UnaryOperator<RecipeConfig> overrides;

  /**
   * Configures a sweep.
   *
   * @param seeds the seeds to run each cell with (the cell reports their median)
   * @param lengths the sequence lengths (rows)
   * @param overrides changes applied to every recipe's defaults after seed and length are set
   *     (e.g. fewer epochs for a quick check); {@code UnaryOperator.identity()} for the tutorial
   * @throws IllegalArgumentException if there are no seeds or no lengths
   */
  public Sweep(List<Long> seeds, List<Integer> lengths, UnaryOperator<RecipeConfig> overrides) {
    if (seeds.isEmpty() || lengths.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one seed and one length");
    }
    this.seeds = List.copyOf(seeds);
    this.lengths = List.copyOf(lengths);
    this.overrides = overrides;
  }

  /** One run of one cell. */
  public record Run(long seed, double testAccuracy, int epochsRun, double trainSeconds) {}

  /**
   * One cell of the table.
   *
   * @param model the recipe name
   * @param length the sequence length
   * @param runs one run per seed
   * @param tutorial the tutorial's number (%), or NaN for a length it did not report
   */
  public record Cell(String model, int length, List<Run> runs, double tutorial) {
    /**
     * The median per-position test accuracy over the seeds, in percent.
     *
     * @return the median
     */
    public double medianPercent() {
      double[] v = runs.stream().mapToDouble(r -> 100 * r.testAccuracy()).sorted().toArray();
      int n = v.length;
      return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
  }

  /**
   * Runs every cell, one training at a time, printing one line per run to {@code progress}.
   *
   * @param progress where to report each run as it finishes
   * @return the cells, row by row (length), model by model within a row
   */
  public List<Cell> run(Reporter progress) {
    return run(progress, 1);
  }

  /**
   * Runs every cell with up to {@code jobs} trainings at once (each in its own thread and
   * TensorFlow session), printing one line per run as it finishes. Every run computes exactly
   * what it computes alone, so the cells do not depend on {@code jobs}.
   *
   * @param progress where to report each run as it finishes
   * @param jobs how many trainings run at once, at least 1
   * @return the cells, row by row (length), model by model within a row
   * @throws IllegalArgumentException if {@code jobs < 1}
   */
  public List<Cell> run(Reporter progress, int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
    }
    List<Callable<Run>> tasks = new ArrayList<>();
    for (int length : lengths) {
      for (String name : MODELS) {
        for (long seed : seeds) {
          tasks.add(() -> run(name, length, seed, progress));
        }
      }
    }
    List<Run> runs = runAll(tasks, jobs);
    List<Cell> cells = new ArrayList<>();
    int next = 0;
    for (int length : lengths) {
      for (String name : MODELS) {
        List<Run> cellRuns = new ArrayList<>(runs.subList(next, next + seeds.size()));
        next += seeds.size();
        cells.add(new Cell(name, length, cellRuns, tutorial(name, length)));
      }
    }
    return cells;
  }

  /** The tutorial's number for a cell, or NaN where it has none. */
  static double tutorial(String model, int length) {
    double[] row = TUTORIAL.get(length);
    int i = MODELS.indexOf(model);
    return row == null || i >= row.length ? Double.NaN : row[i];
  }

  private Run run(String name, int length, long seed, Reporter progress) {
    Recipe recipe = Recipes.byName(name);
    RecipeConfig config = overrides.apply(recipe.defaults().withSeed(seed).with(Knobs.LENGTH, length));
    RecipeResult r = recipe.run(config, Reporter.quiet());
    Run run = new Run(seed, r.metric(RecipeResult.TEST_ACCURACY).orElseThrow(),
        r.history().epochsRun(), r.history().trainSeconds());
    synchronized (progress) {
      progress.printf("length %2d  %-31s seed %d: test %.3f%%  (%d epochs, %.1f s)%n",
          length, name, seed, 100 * run.testAccuracy(), run.epochsRun(), run.trainSeconds());
    }
    return run;
  }

  /** Runs the tasks, in order with one job, else on a pool; results in task order. */
  private static List<Run> runAll(List<Callable<Run>> tasks, int jobs) {
    List<Run> out = new ArrayList<>();
    if (jobs == 1) {
      for (Callable<Run> t : tasks) {
        out.add(call(t));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (Callable<Run> t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<Run> f : futures) {
        out.add(result(f));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Run call(Callable<Run> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Run result(Future<Run> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the sweep was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * The table as text: one row per length, each cell "ours (tutorial)", and whether the row
   * ranks the four models as the tutorial does.
   *
   * @param cells the result of {@link #run}
   * @return the table
   */
  public static String table(List<Cell> cells) {
    StringBuilder sb = new StringBuilder();
    String[] headers =
        {"1 default", "2 return_seq", "3 return_state", "4 seq+state", "5 attention"};
    sb.append(String.format(Locale.ROOT, "%-6s", "length"));
    for (String h : headers) {
      sb.append(String.format(Locale.ROOT, " | %-17s", h));
    }
    sb.append(" | same order\n");
    for (int length : lengthsOf(cells)) {
      List<Cell> row = row(cells, length);
      sb.append(String.format(Locale.ROOT, "%-6d", length));
      for (Cell c : row) {
        String tut = Double.isNaN(c.tutorial())
            ? "   -  " : String.format(Locale.ROOT, "%6.3f", c.tutorial());
        sb.append(String.format(Locale.ROOT, " | %6.2f (%s)  ", c.medianPercent(), tut));
      }
      Boolean same = sameOrder(row);
      sb.append(" | ").append(same == null ? "-" : same ? "yes" : "no").append('\n');
    }
    sb.append("cells: our median per-position test accuracy % (the tutorial's number); "
        + "same order compares the tutorial's four\n");
    return sb.toString();
  }

  /**
   * Whether a row ranks the tutorial's models as the tutorial's row does (ties in ours count as
   * either order; models the tutorial has no number for are left out), or null if the tutorial
   * has no row for that length.
   */
  static Boolean sameOrder(List<Cell> row) {
    List<Cell> compared = row.stream().filter(c -> !Double.isNaN(c.tutorial())).toList();
    if (compared.isEmpty()) {
      return null;
    }
    for (Cell a : compared) {
      for (Cell b : compared) {
        if (a.tutorial() < b.tutorial() && a.medianPercent() > b.medianPercent()) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<Integer> lengthsOf(List<Cell> cells) {
    return cells.stream().map(Cell::length).distinct().toList();
  }

  private static List<Cell> row(List<Cell> cells, int length) {
    return cells.stream().filter(c -> c.length() == length).toList();
  }

  /**
   * The sweep as a JSON-ready map: seeds, lengths, models, and per cell the per-seed numbers,
   * the median, the tutorial's number and the difference.
   *
   * @param cells the result of {@link #run}
   * @return the map
   */
  public static Map<String, Object> toJsonMap(List<Cell> cells) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("experiment", "karakaya-sweep");
    m.put("metric", "test_accuracy_percent_median");
    m.put("models", MODELS);
    m.put("lengths", lengthsOf(cells));
    List<Map<String, Object>> list = new ArrayList<>();
    for (Cell c : cells) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("model", c.model());
      cm.put("length", c.length());
      cm.put("seeds", c.runs().stream().map(Run::seed).toList());
      cm.put("test_accuracy", c.runs().stream().map(Run::testAccuracy).toList());
      cm.put("epochs_run", c.runs().stream().map(Run::epochsRun).toList());
      cm.put("train_seconds", c.runs().stream().map(r -> round3(r.trainSeconds())).toList());
      cm.put("median_percent", round3(c.medianPercent()));
      if (!Double.isNaN(c.tutorial())) {
        cm.put("tutorial_percent", c.tutorial());
        cm.put("difference", round3(c.medianPercent() - c.tutorial()));
      }
      list.add(cm);
    }
    m.put("cells", list);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int length : lengthsOf(cells)) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("length", length);
      rm.put("same_order_as_tutorial", sameOrder(row(cells, length)));
      rows.add(rm);
    }
    m.put("rows", rows);
    return m;
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
