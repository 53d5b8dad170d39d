package dev.seq2seq4j.train.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.EpochLogs;
import dev.seq2seq4j.train.optim.OptimizerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes and reads a {@link TrainingState} folder: {@code state.json} holds the counters,
 * history, fit settings, digests, listener values and metadata, {@code state.bin} every tensor
 * under a prefix ({@code model/}, {@code optimizer/}, {@code listener/<n>/<set>/}).
 *
 * <p>Doubles are written as JSON numbers in Java's round-trip notation, so they read back bit
 * for bit; infinities and NaN, which JSON lacks, as the strings {@code Infinity}, {@code
 * -Infinity} and {@code NaN}.
 */
final class TrainingStateFormat {
  private static final String BASE = "state";
  private static final Set<String> FILES = Set.of(BASE + ".json", BASE + ".bin");
  private static final String MODEL = "model/";
  private static final String OPTIMIZER = "optimizer/";
  private static final String LISTENER = "listener/";

  private TrainingStateFormat() {}

  static void save(Path dir, TrainingState s) {
    AtomicDirectory.replace(dir, FILES, "training state", tmp -> {
      ObjectNode root = TensorFile.JSON.createObjectNode();
      root.put("format", TrainingState.FORMAT);
      root.put("version", TrainingState.VERSION);
      root.set("metadata", TensorFile.JSON.valueToTree(s.metadata()));
      root.put("epochs_completed", s.epochsCompleted());
      root.put("stop_requested", s.stopRequested());
      root.put("steps", s.steps());
      root.set("train_seconds", number(s.trainSeconds()));
      ObjectNode fit = root.putObject("fit");
      fit.put("batch_size", s.batchSize());
      fit.put("shuffle", s.shuffle());
      fit.put("shuffle_seed", s.shuffleSeed());
      ArrayNode digests = root.putArray("data_digests");
      s.dataDigests().forEach(digests::add);
      ArrayNode history = root.putArray("history");
      for (EpochLogs logs : s.history()) {
        ObjectNode e = history.addObject();
        logs.values().forEach((k, v) -> e.set(k, number(v)));
      }
      Map<String, FloatBlock> tensors = new LinkedHashMap<>();
      s.weights().asMap().forEach((k, v) -> tensors.put(MODEL + k, v));
      ObjectNode opt = root.putObject("optimizer");
      opt.put("name", s.optimizer().optimizer());
      opt.put("iterations", s.optimizer().iterations());
      ArrayNode optNames = opt.putArray("variables");
      s.optimizer().variables().forEach((k, v) -> {
        optNames.add(k);
        tensors.put(OPTIMIZER + k, v);
      });
      ArrayNode listeners = root.putArray("listeners");
      int n = 0;
      for (Map.Entry<String, ListenerState> e : s.listeners().entrySet()) {
        ObjectNode l = listeners.addObject();
        l.put("key", e.getKey());
        ObjectNode numbers = l.putObject("numbers");
        e.getValue().numbers().forEach((k, v) -> numbers.set(k, number(v)));
        ObjectNode integers = l.putObject("integers");
        e.getValue().integers().forEach(integers::put);
        ArrayNode sets = l.putArray("weights");
        for (Map.Entry<String, Weights> w : e.getValue().weightSets().entrySet()) {
          sets.add(w.getKey());
          String prefix = LISTENER + n + "/" + w.getKey() + "/";
          w.getValue().asMap().forEach((k, v) -> tensors.put(prefix + k, v));
        }
        n++;
      }
      TensorFile.write(tmp, BASE, root, "tensors", tensors);
    });
  }

  static void checkTarget(Path dir) {
    try {
      AtomicDirectory.requireOurs(dir, FILES, "training state");
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + dir + ": " + e.getMessage(), e);
    }
  }

  static TrainingState load(Path dir) {
    try {
      AtomicDirectory.recover(dir);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("training state folder not found: " + dir);
      }
      TensorFile.Opened f = TensorFile.open(dir, BASE, "training state " + dir,
          TrainingState.FORMAT, TrainingState.VERSION);
      return read(f);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not read training state " + dir + ": " + e.getMessage(), e);
    }
  }

  private static TrainingState read(TensorFile.Opened f) {
    JsonNode root = f.index();
    Map<String, FloatBlock> tensors = new LinkedHashMap<>(f.tensors("tensors"));
    Map<String, FloatBlock> model = take(tensors, MODEL);
    JsonNode opt = root.path("optimizer");
    Map<String, FloatBlock> optValues = new LinkedHashMap<>();
    for (JsonNode name : opt.path("variables")) {
      FloatBlock v = tensors.remove(OPTIMIZER + name.asText());
      if (v == null) {
        throw f.corrupt("optimizer value '" + name.asText() + "' is missing");
      }
      optValues.put(name.asText(), v);
    }
    OptimizerState optimizer =
        new OptimizerState(opt.path("name").asText(), integer(f, opt, "iterations"), optValues);
    Map<String, ListenerState> listeners = new LinkedHashMap<>();
    int n = 0;
    for (JsonNode l : root.path("listeners")) {
      ListenerState.Builder b = ListenerState.builder();
      Iterator<Map.Entry<String, JsonNode>> nums = l.path("numbers").fields();
      while (nums.hasNext()) {
        Map.Entry<String, JsonNode> e = nums.next();
        b.number(e.getKey(), number(f, e.getValue()));
      }
      Iterator<Map.Entry<String, JsonNode>> ints = l.path("integers").fields();
      while (ints.hasNext()) {
        Map.Entry<String, JsonNode> e = ints.next();
        b.integer(e.getKey(), integer(f, l.path("integers"), e.getKey()));
      }
      for (JsonNode set : l.path("weights")) {
        b.weights(set.asText(), Weights.of(take(tensors, LISTENER + n + "/" + set.asText() + "/")));
      }
      listeners.put(l.path("key").asText(), b.build());
      n++;
    }
    if (!tensors.isEmpty()) {
      throw f.corrupt("tensors " + tensors.keySet() + " belong to nothing in the index");
    }
    List<EpochLogs> history = new ArrayList<>();
    for (JsonNode e : root.path("history")) {
      Map<String, Double> values = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = e.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> v = it.next();
        values.put(v.getKey(), number(f, v.getValue()));
      }
      history.add(new EpochLogs(values));
    }
    List<Long> digests = new ArrayList<>();
    for (JsonNode d : root.path("data_digests")) {
      if (!d.canConvertToLong()) {
        throw f.corrupt("a data digest is not a number");
      }
      digests.add(d.asLong());
    }
    JsonNode fit = root.path("fit");
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = root.path("metadata").isObject()
        ? TensorFile.JSON.convertValue(root.path("metadata"), LinkedHashMap.class)
        : new LinkedHashMap<>();
    try {
      return new TrainingState(
          (int) integer(f, root, "epochs_completed"),
          root.path("stop_requested").asBoolean(),
          integer(f, root, "steps"),
          number(f, root.path("train_seconds")),
          history,
          digests,
          (int) integer(f, fit, "batch_size"),
          fit.path("shuffle").asBoolean(),
          integer(f, fit, "shuffle_seed"),
          Weights.of(model),
          optimizer,
          listeners,
          metadata);
    } catch (IllegalArgumentException e) {
      throw f.corrupt(e.getMessage());
    }
  }

  /** Removes and returns the tensors under {@code prefix}, without it. */
  private static Map<String, FloatBlock> take(Map<String, FloatBlock> tensors, String prefix) {
    Map<String, FloatBlock> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, FloatBlock>> it = tensors.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, FloatBlock> e = it.next();
      if (e.getKey().startsWith(prefix)) {
        out.put(e.getKey().substring(prefix.length()), e.getValue());
        it.remove();
      }
    }
    return out;
  }

  private static JsonNode number(double v) {
    if (Double.isNaN(v)) {
      return TextNode.valueOf("NaN");
    }
    if (Double.isInfinite(v)) {
      return TextNode.valueOf(v > 0 ? "Infinity" : "-Infinity");
    }
    return DoubleNode.valueOf(v);
  }

  private static double number(TensorFile.Opened f, JsonNode n) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    switch (n.asText()) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        throw f.corrupt("'" + n.asText() + "' is not a number");
    }
  }

  private static long integer(TensorFile.Opened f, JsonNode parent, String key) {
    JsonNode n = parent.path(key);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw f.corrupt("'" + key + "' is not an integer");
    }
    return n.asLong();
  }
}
