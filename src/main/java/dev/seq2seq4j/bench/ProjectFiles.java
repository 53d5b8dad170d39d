package dev.seq2seq4j.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the benchmark finds the project's files (the Python script, the venv, the exported
 * models) when not told: beside the running jar or classes ({@code target/} is in the project
 * root), else under the working directory.
 */
final class ProjectFiles {
  private ProjectFiles() {}

  /** The project root: the nearest folder above the code that holds {@code python-export/}. */
  static Path root() {
    try {
      Path code = Path.of(ProjectFiles.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI()).toAbsolutePath();
      for (Path p = code; p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("python-export"))) {
          return p;
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall through to the working directory
    }
    return Path.of("").toAbsolutePath();
  }

  /**
   * The Python of the project's venv: {@code $SEQ2SEQ4J_VENV/bin/python}, else {@code
   * python-export/.venv/bin/python} in the project.
   *
   * @return the interpreter, if one exists
   */
  static Optional<Path> venvPython() {
    String env = System.getenv("SEQ2SEQ4J_VENV");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env, "bin", "python");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    Path p = root().resolve("python-export/.venv/bin/python");
    return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }
}
