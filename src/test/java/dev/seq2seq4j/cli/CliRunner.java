package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the CLI in-process, as picocli's {@code execute}, capturing stdout and stderr. */
final class CliRunner {
  private CliRunner() {}

  /** What one invocation printed and returned. */
  record Outcome(int exitCode, String out, String err) {
    /** The last non-empty line of stdout. */
    String lastLine() {
      List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
  }

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Main.commandLine(new Io(o, e, false)).execute(args);
      o.flush();
      e.flush();
      return new Outcome(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * Bad input's contract: exit code 2 and one {@code error: ...} line on stderr naming the
   * problem (containing {@code fragment}), with no stack trace.
   */
  static void assertOneErrorLine(Outcome o, String fragment) {
    assertEquals(2, o.exitCode(), o.out() + o.err());
    String err = o.err().strip();
    assertTrue(err.startsWith("error: "), err);
    assertTrue(err.contains(fragment), err);
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("Exception"), "no stack trace: " + err);
  }
}
