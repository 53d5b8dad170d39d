package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.ModelFile;
import dev.seq2seq4j.interop.ModelFiles;
import dev.seq2seq4j.interop.savedmodel.CheckpointIndex;
import dev.seq2seq4j.interop.savedmodel.SavedModelInspector;
import dev.seq2seq4j.interop.savedmodel.SignatureInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect FILE}: what a model file holds, without running it: for a SavedModel its tags,
 * signatures and variables; for a {@code .keras} or {@code .h5} file its format, the Keras
 * version that saved it, its layers and weights, and whether seq2seq4j can rebuild it.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Describe a model file (SavedModel folder, .keras, .h5, TF checkpoint): "
        + "format, Keras version, layers, weights, signatures; files are checked in Java and "
        + "no native code runs.")
final class InspectCommand implements Runnable {
  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE",
      description = "A SavedModel folder, .keras archive, .h5 file or TF checkpoint prefix.")
  Path dir;

  @Option(names = "--json", description = "Print one line of JSON instead of text.")
  boolean json;

  InspectCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    ModelFile file = ModelFiles.open(dir);
    if (!(file instanceof ModelFile.SavedModelFolder folder)) {
      KerasFileDescription.of(file).print(io, json);
      return;
    }
    // Validation reads only files, in Java: a broken checkpoint is an error here too.
    SavedModelInspector.Checked checked = folder.checked();
    SavedModelInspector.Description d = checked.description();
    CheckpointIndex ckpt = checked.checkpoint();
    if (json) {
      Map<String, Object> m = toJson(d);
      if (ckpt != null) {
        m.put("checkpoint", Map.of("tensors", ckpt.entries().size(), "shards", ckpt.numShards(),
            "bytes", ckpt.totalBytes(), "verified", true));
      }
      io.out().println(Json.line(m));
      io.out().flush();
      return;
    }
    io.out().println("SavedModel: " + d.directory());
    io.out().println("written by TensorFlow " + d.tensorflowVersion() + "; " + d.format());
    io.out().println("tags: " + d.tags());
    for (SignatureInfo s : d.signatures().values()) {
      io.out().println("signature '" + s.name() + "':");
      for (SignatureInfo.Spec in : s.inputs()) {
        io.out().println("  input  " + in.name() + " " + in.dtype() + " " + shape(in.shape()));
      }
      for (SignatureInfo.Spec out : s.outputs()) {
        io.out().println("  output " + out.name() + " " + out.dtype() + " " + shape(out.shape()));
      }
    }
    io.out().println("variables (" + d.variables().size() + "):");
    for (SavedModelInspector.Variable v : d.variables()) {
      io.out().printf("  %-45s %-9s %s%s%n", v.name(), v.dtype().replaceFirst("^DT_", ""),
          Arrays.toString(v.shape()), v.trainable() ? "" : " (not trainable)");
    }
    if (ckpt != null) {
      io.out().println("checkpoint: variables/variables, " + ckpt.entries().size() + " tensors in "
          + ckpt.numShards() + " shard(s), " + ckpt.totalBytes() + " bytes, sizes and checksums OK");
    }
    if (folder.kerasConfig().isPresent()) {
      KerasFileDescription.of(file).printRebuild(io);
    }
    io.out().flush();
  }

  private static String shape(long[] s) {
    return Arrays.toString(s).replace("-1", "None");
  }

  private static Map<String, Object> toJson(SavedModelInspector.Description d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("directory", d.directory().toString());
    m.put("tensorflow_version", d.tensorflowVersion());
    m.put("format", d.format());
    m.put("tags", d.tags());
    Map<String, Object> sigs = new LinkedHashMap<>();
    for (SignatureInfo s : d.signatures().values()) {
      sigs.put(s.name(), Map.of(
          "inputs", specs(s.inputs()), "outputs", specs(s.outputs())));
    }
    m.put("signatures", sigs);
    m.put("variables", d.variables().stream().map(v -> Map.of(
        "name", v.name(), "dtype", v.dtype(), "shape", v.shape(), "trainable", v.trainable()))
        .toList());
    return m;
  }

  private static List<Map<String, Object>> specs(List<SignatureInfo.Spec> specs) {
    return specs.stream().map(s -> Map.<String, Object>of(
        "name", s.name(), "dtype", s.dtype(), "shape", s.shape())).toList();
  }
}
