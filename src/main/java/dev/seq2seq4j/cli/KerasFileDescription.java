package dev.seq2seq4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.interop.ModelFile;
import dev.seq2seq4j.keras.KerasFileException;
import dev.seq2seq4j.keras.UnsupportedKerasFeatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code inspect} says of a Keras model file: its format and saving Keras version, the
 * layers its config lists, and whether seq2seq4j rebuilds it natively (with every weight read
 * and shape-checked) or which layer or option stops it.
 */
final class KerasFileDescription {
  private final ModelFile file;
  private final List<String[]> layers = new ArrayList<>();
  private ImportedModel imported;
  private String refusal;

  private KerasFileDescription(ModelFile file) {
    this.file = file;
  }

  static KerasFileDescription of(ModelFile file) {
    KerasFileDescription d = new KerasFileDescription(file);
    file.kerasConfig().ifPresent(d::listLayers);
    if (file.kerasConfig().isPresent()) {
      try {
        d.imported = ImportedModel.from(file, Map.of(), null);
      } catch (UnsupportedKerasFeatureException | KerasFileException e) {
        d.refusal = e.getMessage();
      }
    } else {
      d.refusal = "the file holds weights only (no model config)";
    }
    return d;
  }

  private void listLayers(JsonNode config) {
    for (JsonNode l : config.path("config").path("layers")) {
      String name = l.has("name") ? l.get("name").asText() : l.path("config").path("name").asText();
      layers.add(new String[] {l.path("class_name").asText("?"), name});
    }
  }

  void print(Io io, boolean json) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", file.path().toString());
      m.put("format", file.format());
      m.put("keras_version", file.kerasVersion().map(v -> v.text()).orElse(null));
      m.put("layers", layers.stream().map(l -> Map.of("class_name", l[0], "name", l[1])).toList());
      m.put("native_rebuild", imported != null);
      if (imported != null) {
        m.put("parameters", imported.model().parameterCount());
        m.put("weights", imported.weights().size());
      } else {
        m.put("refusal", refusal);
      }
      file.keras3Warning().ifPresent(w -> m.put("warning", w));
      io.out().println(Json.line(m));
      io.out().flush();
      return;
    }
    io.out().println(file.path() + ": " + file.format()
        + file.kerasVersion().map(v -> ", saved by " + v).orElse(""));
    file.keras3Warning().ifPresent(w -> io.out().println("warning: " + w));
    if (!layers.isEmpty()) {
      io.out().println("layers (" + layers.size() + "):");
      for (String[] l : layers) {
        io.out().printf("  %-24s %s%n", l[0], l[1]);
      }
    }
    printRebuild(io);
    io.out().flush();
  }

  void printRebuild(Io io) {
    if (imported == null) {
      io.out().println("native rebuild: not possible: " + refusal);
      return;
    }
    io.out().println("native rebuild: " + imported.model().parameterCount() + " parameters, "
        + imported.weights().size() + " weights read, every shape as the config needs:");
    imported.model().weights().forEach((name, spec) -> io.out().printf("  %-45s %s%n", name,
        Arrays.toString(spec.shape())));
    imported.notes().forEach(n -> io.out().println("note: " + n));
  }

}
