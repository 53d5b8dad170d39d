package dev.seq2seq4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where Keras 3 would load a file saved by Keras 1 or 2 differently from the Keras that saved it
 * (or not at all, for Keras 1 configs):
 * {@code hard_sigmoid} changed its definition ({@code clip(0.2 x + 0.5, 0, 1)} became {@code
 * relu6(x + 3) / 6}), and Keras 3 refuses tf.keras RNN configs that carry {@code time_major}.
 * seq2seq4j computes what the saving version computed; users comparing with Keras 3 should know.
 */
final class KerasVersionWarnings {
  private KerasVersionWarnings() {}

  static Optional<String> of(JsonNode config, KerasVersion version) {
    if (!version.keras2()) {
      return Optional.empty();
    }
    TreeSet<String> hardSigmoid = new TreeSet<>();
    TreeSet<String> timeMajor = new TreeSet<>();
    scan(config, hardSigmoid, timeMajor);
    List<String> parts = new ArrayList<>();
    if (version.major() < 2) {
      parts.add("the file is a Keras 1 model, which Keras 3 and tf_keras cannot load as a model "
          + "(seq2seq4j reads it with Keras 2's renames and weight conversions)");
    }
    if (!hardSigmoid.isEmpty()) {
      parts.add("layers " + hardSigmoid + " use hard_sigmoid, which " + version
          + " defines as clip(0.2x + 0.5, 0, 1) and Keras 3 as relu6(x + 3) / 6, so Keras 3 would "
          + "compute other outputs (seq2seq4j uses the saving version's definition)");
    }
    if (!timeMajor.isEmpty()) {
      parts.add("layers " + timeMajor + " carry the time_major key, which Keras 3 refuses to load"
          + " (seq2seq4j reads them)");
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
  }

  private static void scan(JsonNode node, TreeSet<String> hardSigmoid, TreeSet<String> timeMajor) {
    if (node.isObject()) {
      JsonNode cfg = node.path("config");
      if (node.has("class_name") && cfg.isObject()) {
        String name = cfg.path("name").asText(node.path("class_name").asText());
        for (String key : List.of("activation", "recurrent_activation", "inner_activation")) {
          if (cfg.path(key).asText("").equals("hard_sigmoid")) {
            hardSigmoid.add(name);
          }
        }
        if (cfg.has("time_major")) {
          timeMajor.add(name);
        }
      }
      node.elements().forEachRemaining(child -> scan(child, hardSigmoid, timeMajor));
    } else if (node.isArray()) {
      node.forEach(child -> scan(child, hardSigmoid, timeMajor));
    }
  }
}
