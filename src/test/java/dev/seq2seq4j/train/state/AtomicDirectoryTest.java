package dev.seq2seq4j.train.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The folder swap stopped after each of its steps, as a kill would stop it: recovery always finds
 * a complete version, the newest one that reached a final name, and leaves no temporary folders.
 */
class AtomicDirectoryTest {
  private static final Set<String> FILES = Set.of("a.txt", "b.txt");

  /** Stands in for a kill: nothing after the step runs (only the temporary folder is removed). */
  private static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static void write(Path dir, String version) {
    AtomicDirectory.replace(dir, FILES, "test folder", tmp -> contents(tmp, version));
  }

  private static void contents(Path tmp, String version) throws IOException {
    // Two files, so a half-written folder would show as a mix or a missing file.
    AtomicDirectory.writeFile(tmp.resolve("a.txt"), version.getBytes());
    AtomicDirectory.writeFile(tmp.resolve("b.txt"), version.getBytes());
  }

  private static String read(Path dir) throws Exception {
    String a = Files.readString(dir.resolve("a.txt"));
    assertEquals(a, Files.readString(dir.resolve("b.txt")), "both files from one version");
    return a;
  }

  @ParameterizedTest(name = "killed after {0}")
  @ValueSource(strings = {"written", "renamed-new", "moved-old", "renamed-target"})
  void aKillBetweenAnyTwoStepsLeavesACompleteVersion(String step, @TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("state");
    write(dir, "old");
    assertThrows(Killed.class, () -> AtomicDirectory.replace(dir, FILES, "test folder",
        t -> contents(t, "new"), s -> {
          if (s.equals(step)) {
            throw new Killed();
          }
        }));
    AtomicDirectory.recover(dir);
    String expected = step.equals("written") ? "old" : "new";
    assertEquals(expected, read(dir));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(dir), s.toList(), "leftovers are cleaned up");
    }
  }

  @Test
  void aKilledFirstWriteLeavesNothingHalfWritten(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("state");
    assertThrows(Killed.class, () -> AtomicDirectory.replace(dir, FILES, "test folder",
        t -> {
          AtomicDirectory.writeFile(t.resolve("a.txt"), "new".getBytes());
          throw new Killed();
        }));
    // A kill leaves the temporary folder behind; make one as it would.
    Files.createDirectories(tmp.resolve(".state.tmp-123"));
    AtomicDirectory.recover(dir);
    assertFalse(Files.exists(dir));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.toList());
    }
    write(dir, "first");
    assertEquals("first", read(dir));
  }

  @Test
  void onlyOurOwnFoldersAreReplaced(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("mine");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("thesis.tex"), "years of work");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> write(dir, "x"));
    assertTrue(e.getMessage().contains("refusing to write test folder"), e.getMessage());
    assertEquals("years of work", Files.readString(dir.resolve("thesis.tex")));
  }
}
