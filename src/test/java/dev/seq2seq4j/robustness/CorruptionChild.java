package dev.seq2seq4j.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seq2seq4j.cli.Io;
import dev.seq2seq4j.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forked JVM of {@link ForkedCorruptionTest}: runs each command line of a manifest through
 * the CLI in this one process, as a user's shell would run {@code seq2seq4j}, and reports each
 * outcome as one line on stdout. A line starting {@value #START} goes out before each command,
 * so that the parent can name the command that crashed or hung this process.
 */
public final class CorruptionChild {

  /** Prefix of the line announcing a command. */
  static final String START = "@@start ";
  /** Prefix of the line reporting a command's outcome (JSON). */
  static final String RESULT = "@@result ";
  /** Prefix of the last line: the process's peak resident memory in KiB, or -1. */
  static final String PEAK = "@@peak-rss-kib ";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CorruptionChild() {}

  /**
   * Runs a manifest.
   *
   * @param args the manifest file: one JSON object per line, {@code {"id": ..., "command": n,
   *     "args": [...]}}
   * @throws IOException if the manifest cannot be read
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    PrintStream protocol = System.out;
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      JsonNode task = JSON.readTree(line);
      String key = task.get("id").asText() + " " + task.get("command").asInt();
      protocol.println(START + key);
      protocol.flush();
      List<String> argv = new ArrayList<>();
      task.get("args").forEach(a -> argv.add(a.asText()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      long start = System.nanoTime();
      int exit;
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        exit = Main.commandLine(new Io(o, e, false)).execute(argv.toArray(new String[0]));
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("id", task.get("id").asText());
      result.put("command", task.get("command").asInt());
      result.put("exit", exit);
      result.put("ms", (System.nanoTime() - start) / 1_000_000);
      result.put("out", out.toString(StandardCharsets.UTF_8));
      result.put("err", err.toString(StandardCharsets.UTF_8));
      protocol.println(RESULT + JSON.writeValueAsString(result));
      protocol.flush();
    }
    protocol.println(PEAK + peakResidentKib());
    protocol.flush();
    System.exit(0);
  }

  /** VmHWM from /proc/self/status (Linux), or -1 where there is none. */
  private static long peakResidentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
