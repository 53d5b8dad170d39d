package dev.seq2seq4j.robustness;

import dev.seq2seq4j.robustness.ForkedCorruptionTest.Result;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Counts of how commands on damaged files ended, per file format and command, as a table. */
final class Report {

  /** Outcome classes, in table order. */
  private enum Outcome {
    REFUSED("refused: one error line, exit 2"),
    SAME("ran: the intact file's answer"),
    DESCRIBED("described (inspect)"),
    REPORTED("read as the model it now describes, and reported so"),
    OTHER("anything else (a failure)");

    final String label;

    Outcome(String label) {
      this.label = label;
    }
  }

  private final Map<String, Map<Outcome, Integer>> rows = new TreeMap<>();
  private final Map<String, Long> slowest = new TreeMap<>();

  /** Counts one command's outcome. */
  void count(Variant v, int command, Result r, Result intact) {
    String verb = v.commands().get(command).get(0);
    String row = v.format() + " | `" + verb + "`";
    Outcome o = classify(verb, r, intact,
        ForkedCorruptionTest.check(v, command, r, intact).isPresent());
    rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).merge(o, 1, Integer::sum);
    slowest.merge(row, r.ms(), Math::max);
  }

  private static Outcome classify(String verb, Result r, Result intact, boolean failed) {
    if (failed) {
      return Outcome.OTHER;
    }
    if (r.exit() == 2) {
      return Outcome.REFUSED;
    }
    if (verb.equals("inspect")) {
      return Outcome.DESCRIBED;
    }
    if (r.exit() == 1 || verb.equals("predict") && !r.out().equals(intact.out())) {
      return Outcome.REPORTED;
    }
    return Outcome.SAME;
  }

  /** The table in Markdown, with the variant counts per format above it. */
  String format(List<Variant> variants, Map<String, Result> results) {
    Map<String, Integer> perFormat = new TreeMap<>();
    variants.forEach(v -> perFormat.merge(v.format(), 1, Integer::sum));
    StringBuilder sb = new StringBuilder();
    sb.append("Damaged files per format: ");
    perFormat.forEach((f, n) -> sb.append(f).append(' ').append(n).append(", "));
    sb.setLength(sb.length() - 2);
    sb.append(String.format(Locale.ROOT, "; %d commands in all.%n%n", results.size()));
    sb.append("| file | command |");
    for (Outcome o : Outcome.values()) {
      sb.append(' ').append(o.label).append(" |");
    }
    sb.append(" slowest |\n|---|---|");
    sb.append("---|".repeat(Outcome.values().length + 1)).append('\n');
    rows.forEach((row, counts) -> {
      sb.append("| ").append(row).append(" |");
      for (Outcome o : Outcome.values()) {
        sb.append(' ').append(counts.getOrDefault(o, 0)).append(" |");
      }
      sb.append(String.format(Locale.ROOT, " %.1f s |%n", slowest.get(row) / 1000.0));
    });
    return sb.toString();
  }
}
